"""The Import wizard's steps and the Imports list for ``opsdesk shot``; nothing is imported.

The files it reads are written here from the open workspace's own KPIs, the way people
send them: a merged title, units in the cells, a value that is not a number, a day that
does not exist, KPIs the workspace lacks and a value it already holds, restated.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtWidgets import QWidget

from opsdesk.ui.app_context import AppContext


def export_file(folder: Path, conn: sqlite3.Connection) -> Path:
    """A month of two of the workspace's percentage KPIs as an ERP export, with faults."""
    from openpyxl import Workbook

    from opsdesk.core.kpi.definitions import load_kpis
    from opsdesk.core.kpi.queries import newest_day

    # Percentages, as such exports write them ("93%"), of KPIs kept in percent.
    percent = [k.name for k in load_kpis(conn, include_archived=False) if k.unit == "%"]
    names = percent[:2] or ["On-time delivery"]
    newest = newest_day(conn)
    start = date.fromisoformat(newest) + timedelta(days=1) if newest else date.today()
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "KPI export"
    sheet.append([f"Plant KPI export, {start:%B %Y}"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["Date", "KPI", "Value", "Comment"])
    for n in range(31):
        for k, name in enumerate(names):
            sheet.append([start + timedelta(days=n), name, f"{91 + (n + k) % 6}%", ""])
    sheet.append([start + timedelta(days=3), names[0], "n/a", "system down"])
    sheet.append([f"32/{start:%m/%Y}", names[-1], 93, ""])
    path = folder / "kpi-export.xlsx"
    book.save(path)
    return path


def restating_file(folder: Path, conn: sqlite3.Connection) -> Path:
    """A CSV that brings two KPIs the workspace lacks and restates one stored value."""
    from opsdesk.core.kpi.queries import newest_plain_value

    rows = ["Date,KPI,Value"]
    rows += [f"2025-{m:02d}-01,Picking accuracy (%),{97 + m / 10:.1f}" for m in (1, 2, 3)]
    rows += [f"2025-{m:02d}-01,Headcount,{110 + m}" for m in (1, 2, 3)]
    stored = newest_plain_value(conn)
    if stored is not None:
        name = '"' + stored.kpi_name.replace('"', '""') + '"'
        rows.append(f"{stored.ts},{name},{stored.value * 1.05:.4g}")
    path = folder / "kpis-restated.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def wizard_states(ctx: AppContext) -> Iterator[tuple[str, QWidget]]:
    """Each wizard step and the Imports list, through their public API."""
    if ctx.workspace is None or ctx.workspace.read_only:
        return
    from opsdesk.ui.import_wizard.imports_dialog import ImportsDialog
    from opsdesk.ui.import_wizard.wizard import ImportWizard

    with tempfile.TemporaryDirectory() as folder:
        wizard = ImportWizard(ctx, ctx.main_window)
        wizard.show()
        wizard.load(export_file(Path(folder), ctx.workspace.conn))
        ctx.worker.wait_until_idle()
        yield "import-1-file", wizard
        wizard.next()
        yield "import-2-columns", wizard
        wizard.next()
        ctx.worker.wait_until_idle()
        yield "import-3-check", wizard
        wizard.pages.setCurrentIndex(0)  # a second file, from the first step
        wizard.load(restating_file(Path(folder), ctx.workspace.conn))
        ctx.worker.wait_until_idle()
        wizard.next()
        wizard.next()
        ctx.worker.wait_until_idle()
        yield "import-3-check-new-kpis", wizard
        wizard.check_page.tabs.setCurrentIndex(2)
        yield "import-3-check-changed", wizard
        wizard.close()
        dialog = ImportsDialog(ctx, ctx.main_window)
        dialog.show()
        yield "imports-list", dialog
        dialog.close()
