"""The spreadsheet the import tests read: 62 good rows and 2 faulty ones."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path


def sample_file(folder: Path) -> Path:
    """A month of an ERP export as people send it: a title, units, %, and a few faults."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "KPI export"
    sheet.append(["Plant KPI export, March 2024"])
    sheet.merge_cells("A1:E1")
    sheet.append([])
    sheet.append(["Date", "KPI", "Value", "Site", "Comment"])
    day = date(2024, 3, 1)
    for n in range(31):
        when = day + timedelta(days=n)
        sheet.append([when, "On-time delivery", f"{91 + n % 6}%", "Lyon", ""])
        sheet.append([when, "Lead time (days)", round(4.2 + (n % 5) * 0.3, 1), "Lyon", ""])
    sheet.append([day + timedelta(days=3), "Scrap cost", "n/a", "Lyon", "system down"])
    sheet.append(["32/03/2024", "Scrap cost", 1250, "Lyon", ""])
    path = folder / "plant-kpis-march.xlsx"
    book.save(path)
    return path

