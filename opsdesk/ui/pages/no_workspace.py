"""Shown when no workspace is open: what to do next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from opsdesk.ui import file_actions

if TYPE_CHECKING:
    from opsdesk.ui.main_window import MainWindow


class NoWorkspacePage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        heading = QLabel("No workspace is open")
        heading.setObjectName("emptyHeading")
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body = QLabel(
            "A workspace is one file that holds one client or one operation: its KPIs, "
            "charts, maps and improvement work. Open one, start a new one, or drop an "
            ".opsdesk file on this window."
        )
        body.setObjectName("emptyBody")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignCenter)
        body.setFixedWidth(560)
        body.ensurePolished()
        body.setMinimumHeight(body.heightForWidth(body.width()))
        open_button = QPushButton("Open…")
        open_button.clicked.connect(lambda: file_actions.choose_and_open(window))
        new_button = QPushButton("New workspace…")
        new_button.clicked.connect(lambda: file_actions.new_workspace(window))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(open_button)
        buttons.addWidget(new_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        layout.setSpacing(14)
        layout.addWidget(heading)
        layout.addWidget(body, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addLayout(buttons)
        layout.addStretch(3)
