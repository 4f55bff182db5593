"""Observations out to xlsx in the long layout, in a form that imports back unchanged.

openpyxl's write-only mode streams rows, so memory stays flat however many there are.
Every cell goes through ``cell_guard``: text that a spreadsheet would read as a formula is
stored as typed text, never as a formula, whatever column it is in.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from opsdesk.core import output_file
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.cell_guard import for_xlsx
from opsdesk.core.task_state import TaskState

HEADER = (
    "Date",
    "KPI",
    "Value",
    "Unit",
    "Subgroup",
    "Sample size",
    "Segment",
    "Note",
    "Source key",
)


def _kpi_ids(conn: sqlite3.Connection, kpis: Sequence[str]) -> list[int] | None:
    if not kpis:
        return None
    ids = []
    for name in kpis:
        row = conn.execute("SELECT id FROM kpis WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            raise OpsdeskError(f"There is no KPI named {name!r} in this workspace.")
        ids.append(int(row[0]))
    return ids


def _date_cell(ts: str) -> date | datetime | str:
    try:
        return date.fromisoformat(ts) if len(ts) == 10 else datetime.fromisoformat(ts)
    except ValueError:
        return ts


def export_xlsx(
    conn: sqlite3.Connection,
    out: Path,
    kpis: Sequence[str] = (),
    task: TaskState | None = None,
) -> int:
    """Write the observations (of ``kpis``, or all) to ``out``; return the row count."""
    from openpyxl import Workbook

    task = task or TaskState()
    output_file.check_target(out, "spreadsheet")  # before the work, not after it
    ids = _kpi_ids(conn, kpis)
    where = f"WHERE o.kpi_id IN ({','.join('?' * len(ids))})" if ids else ""
    total = conn.execute(f"SELECT count(*) FROM observations o {where}", ids or ()).fetchone()[0]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Observations")
    sheet.append([for_xlsx(sheet, name) for name in HEADER])

    written = 0
    try:
        cursor = conn.execute(
            "SELECT o.ts, k.name, o.value, k.unit, o.subgroup, o.sample_size, o.segment,"
            f" o.note, o.source_key FROM observations o JOIN kpis k ON k.id = o.kpi_id {where}"
            " ORDER BY k.name COLLATE NOCASE, o.ts, o.id",
            ids or (),
        )
        for ts, *cells in cursor:  # each column may hold text (another program's writes)
            sheet.append([for_xlsx(sheet, _date_cell(ts)),
                          *(for_xlsx(sheet, c) for c in cells)])
            written += 1
            if written % 20_000 == 0:
                task.check()
                task.progress(written / max(total, 1), f"Writing {written:,} of {total:,} rows")
    except BaseException:
        # Finish the sheet's writer now: left to the garbage collector, it writes into a
        # closed file and Python prints "Exception ignored ..." on stderr.
        with contextlib.suppress(Exception):
            sheet.close()
        raise
    from opsdesk.core.workspace.audit import pin_text

    about = book.create_sheet("About")  # after the data: imports read the first sheet
    about.append(["Exported by opsdesk from the workspace whose audit trail is below."])
    about.append([pin_text(conn)])
    with output_file.replacing(out, "spreadsheet") as temp:
        book.save(temp)
    return written
