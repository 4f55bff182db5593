"""Help › About as a user opens it: the box appears once its read of the workspace lands."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QMessageBox

from opsdesk.ui.main_window import MainWindow


def opened_about(window: MainWindow) -> QMessageBox:
    window.show_about()
    for _ in range(100):
        shown = [b for b in window.findChildren(QMessageBox)
                 if b.windowTitle() == "About opsdesk" and b.isVisible()]
        if shown:
            return shown[-1]
        window.ctx.worker.wait_until_idle()
        QApplication.processEvents()
    raise AssertionError("Help › About showed no box")
