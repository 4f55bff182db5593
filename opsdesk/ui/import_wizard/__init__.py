"""The Import wizard and the Imports list (File › Import…, File › Imports…).

``open_import_wizard(ctx, path=None)`` is what the menu and a dropped spreadsheet call;
``open_imports_dialog(ctx)`` lists past imports with undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:
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
