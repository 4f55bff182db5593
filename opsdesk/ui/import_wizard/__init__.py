"""The Import wizard and the Imports list (File › Import…, File › Imports…).

``open_import_wizard(ctx, path=None)`` is what the menu and a dropped spreadsheet call;
``open_imports_dialog(ctx)`` lists past imports with undo; ``wizard_shots(ctx)`` puts the
wizard through its steps for ``opsdesk shot`` without writing anything.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from opsdesk.ui.app_context import AppContext
    from opsdesk.ui.import_wizard.imports_dialog import ImportsDialog
    from opsdesk.ui.import_wizard.wizard import ImportWizard


def open_import_wizard(ctx: AppContext, path: Path | None = None) -> ImportWizard | None:
    if ctx.workspace is None:
        ctx.show_error("Open or create a workspace first; imports go into a workspace.")
        return None
    if ctx.workspace.read_only:
        ctx.show_error(f"{ctx.workspace.path.name} is open read-only; nothing can be imported.")
        return None
    from opsdesk.ui.import_wizard.wizard import ImportWizard

    wizard = ImportWizard(ctx, ctx.main_window)
    wizard.setModal(True)
    wizard.show()
    if path is not None:
        wizard.load(Path(path))
    else:
        wizard.file_page.browse()
    return wizard


def open_imports_dialog(ctx: AppContext) -> ImportsDialog | None:
    if ctx.workspace is None:
        ctx.show_error("Open a workspace first.")
        return None
    from opsdesk.ui.import_wizard.imports_dialog import ImportsDialog

    dialog = ImportsDialog(ctx, ctx.main_window)
    dialog.show()
    return dialog


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


def restating_file(folder: Path, conn: Any) -> Path:
    """A CSV that brings two KPIs the workspace lacks and restates one stored value."""
    rows = ["Date,KPI,Value"]
    rows += [f"2025-{m:02d}-01,Picking accuracy (%),{97 + m / 10:.1f}" for m in (1, 2, 3)]
    rows += [f"2025-{m:02d}-01,Headcount,{110 + m}" for m in (1, 2, 3)]
    stored = conn.execute(
        "SELECT k.name, o.ts, o.value FROM observations o JOIN kpis k ON k.id = o.kpi_id"
        " WHERE o.subgroup IS NULL AND o.segment IS NULL AND o.source_key IS NULL"
        " ORDER BY o.ts DESC, o.id LIMIT 1").fetchone()
    if stored is not None:
        name = '"' + str(stored[0]).replace('"', '""') + '"'
        rows.append(f"{stored[1]},{name},{float(stored[2]) * 1.05:.4g}")
    path = folder / "kpis-restated.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def wizard_shots(ctx: AppContext) -> Iterator[tuple[str, QWidget]]:
    """Each wizard step and the Imports list, on a sample file; nothing is imported."""
    if ctx.workspace is None or ctx.workspace.read_only:
        return
    from opsdesk.ui.import_wizard.imports_dialog import ImportsDialog
    from opsdesk.ui.import_wizard.wizard import ImportWizard

    with tempfile.TemporaryDirectory() as folder:
        wizard = ImportWizard(ctx, ctx.main_window)
        wizard.show()
        wizard.load(sample_file(Path(folder)))
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
        tabs = wizard.check_page.tabs
        yield "import-3-check-new-kpis", wizard
        tabs.setCurrentIndex(2)
        yield "import-3-check-changed", wizard
        wizard.close()
        dialog = ImportsDialog(ctx, ctx.main_window)
        dialog.show()
        yield "imports-list", dialog
        dialog.close()


def export_observations(ctx: AppContext, kpis: tuple[str, ...] = ()) -> None:
    """Ask where, then write the observations (of ``kpis``, or all) to xlsx on the worker.

    File › Export Observations… calls it for all KPIs; the KPIs page may pass its selection.
    """
    if ctx.workspace is None:
        ctx.show_error("Open a workspace first.")
        return
    from PySide6.QtWidgets import QFileDialog

    default = str(ctx.workspace.path.with_suffix(".xlsx"))
    chosen, _ = QFileDialog.getSaveFileName(
        ctx.main_window, "Export observations", default, "Excel workbook (*.xlsx)"
    )
    if chosen:
        run_export(ctx, Path(chosen), kpis)


def run_export(ctx: AppContext, out: Path, kpis: tuple[str, ...] = ()) -> None:
    from opsdesk.core.imports.export import export_xlsx

    workspace = ctx.workspace
    if workspace is None:
        return
    if out.suffix.lower() != ".xlsx":
        out = out.with_suffix(".xlsx")

    def work(task: TaskState) -> int:
        conn = workspace.connect_again()
        try:
            return export_xlsx(conn, out, kpis, task)
        finally:
            conn.close()

    def done(count: int) -> None:
        window = ctx.main_window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(f"Exported {count:,} observations to {out.name}", 8000)

    ctx.worker.run(work, title="Exporting observations", on_done=done)
