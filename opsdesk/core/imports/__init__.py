"""Spreadsheet import: readers, header and type detection, mapping, validation, commit.

The flow: ``plan.prepare`` reads a file (``source``: calamine for workbooks, ``csv_reader``
for text), finds the header and suggests a ``mapping.Mapping``, converts every cell
(``records``, ``columns``, ``dates``, ``numbers``) and lists every problem; then
``commit.ImportObservations`` writes it in one transaction, and ``commit.UndoImport``
takes it back. ``export.export_xlsx`` writes observations out in the same long layout.
Heavy readers are imported only when a file is read.
"""
