"""Starting a value stream from its page: "New value stream…" (a name, the customer and the
supplier; it starts with one process) and "Import steps table…", which does what
``opsdesk vsm import`` does with the same core reader: the file is read and built in the
pool (a bad one is refused with one sentence naming its row, column and value, before
anything is written), then the new map is one command on the writer thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QWidget,
)

from opsdesk.core.task_state import TaskState

if TYPE_CHECKING:
    from opsdesk.core.maps.vsm_table import StepTable
    from opsdesk.ui.pages.value_streams_page import ValueStreamsPage

STEPS_FILTER = ("Tables of steps (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;"
                "All files (*)")
SAID_WARNINGS = 5  # the first few of an import's warnings, then how many more


class NewStreamDialog(QDialog):
    """The name, customer and supplier of a new value stream."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New value stream")
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Brackets: stamping to assembly")
        self.customer = QLineEdit("Customer")
        self.supplier = QLineEdit("Supplier")
        form = QFormLayout(self)
        form.addRow("Name", self.name)
        form.addRow("Customer", self.customer)
        form.addRow("Supplier", self.supplier)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(420, self.sizeHint().height())


def ask_new_stream(parent: QWidget) -> tuple[str, str, str] | None:
    """(name, customer, supplier), or None when cancelled (tests answer here)."""
    dialog = NewStreamDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.name.text(), dialog.customer.text(), dialog.supplier.text()


def new_stream(page: ValueStreamsPage) -> None:
    """Ask for the new stream's names, add it (one undo step) and show it."""
    from opsdesk.core.maps.vsm_flow_commands import NewValueStream

    if page.read_only:
        return
    answer = ask_new_stream(page)
    if answer is None:
        return
    applied = page.ctx.execute(NewValueStream(*answer))
    if applied is not None:
        page.show_stream(applied.result)


def _folder(page: ValueStreamsPage) -> Path:
    ws = page.ctx.workspace
    return ws.path.parent if ws is not None else Path.home()


def choose_table(page: ValueStreamsPage) -> None:
    path, _ = QFileDialog.getOpenFileName(page, "Import a table of steps", str(_folder(page)),
                                          STEPS_FILTER)
    if path:
        import_table(page, Path(path))


def import_table(page: ValueStreamsPage, path: Path) -> None:
    """Read ``path`` in the pool; if it is sound, add its value stream and show it."""
    ctx = page.ctx
    if ctx.workspace is None or ctx.workspace.read_only:
        ctx.show_error("The workspace is read-only; a value stream cannot be imported into it.")
        return

    def work(task: TaskState) -> StepTable:
        from opsdesk.core.maps.vsm_table import read_steps

        return read_steps(path)

    def done(table: StepTable) -> None:
        from opsdesk.core.maps.vsm_commands import ImportValueStream

        applied = ctx.execute(ImportValueStream(table.stream, title=f"Import {path.name}"))
        if applied is None:
            return
        page.show_stream(applied.result)
        window = ctx.main_window
        if window is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                f"Imported {path.name} as {table.stream.name!r}: {table.steps} steps, "
                f"{table.inventories} inventories and delays.", 8000)
        if table.warnings:
            said = table.warnings[:SAID_WARNINGS]
            if len(table.warnings) > SAID_WARNINGS:
                said.append(f"… and {len(table.warnings) - SAID_WARNINGS} more.")
            ctx.show_warning("\n".join(said), "Imported with warnings")

    ctx.worker.run(work, title=f"Reading {path.name}", on_done=done,
                   on_error=lambda error: ctx.report_error(error, f"reading {path.name}"))
