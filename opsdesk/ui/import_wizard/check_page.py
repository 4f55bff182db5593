"""Step 3: what the whole file holds, every problem, and what to do about them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.imports.plan import Prepared
from opsdesk.core.imports.problems import save_csv
from opsdesk.ui.import_wizard.models import ProblemsModel
from opsdesk.ui.widgets.plain_text import rich


class CheckPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.prepared: Prepared | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.model = ProblemsModel()
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.save_button = QPushButton("Save problems as CSV…")
        self.save_button.clicked.connect(self.save_problems)
        self.stop = QRadioButton("Import nothing while there are problems")
        self.skip = QRadioButton("Import the valid rows and skip the rest")
        self.stop.setChecked(True)
        self.remember = QCheckBox("Save this mapping as an import profile named")
        self.profile_name = QLineEdit()
        self.profile_name.setPlaceholderText("e.g. ERP monthly export")
        self.remember.toggled.connect(self.profile_name.setEnabled)
        self.profile_name.setEnabled(False)
        choices = QHBoxLayout()
        choices.addWidget(self.stop)
        choices.addWidget(self.skip)
        choices.addStretch(1)
        choices.addWidget(self.save_button)
        profile = QHBoxLayout()
        profile.addWidget(self.remember)
        profile.addWidget(self.profile_name, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        self.filler = QWidget()  # keeps the summary at the top when there is no list
        layout.addWidget(self.filler, 1)
        layout.addLayout(choices)
        layout.addLayout(profile)

    def show_prepared(self, prepared: Prepared) -> None:
        self.prepared = prepared
        problems = prepared.problems
        self.model.set_rows(problems)
        new = prepared.kpis.new_names
        lines = [
            f"<b>{rich(prepared.path.name)}</b>: {prepared.parsed.rows_read:,} rows read, "
            f"{prepared.importable:,} observations ready to import"
            f" ({prepared.mapping.layout} layout).",
            f"New KPIs: {rich(', '.join(new[:12]))}{' …' if len(new) > 12 else ''}."
            if new
            else "Every KPI in the file already exists in the workspace.",
            "Rows already in the workspace are recognised and skipped as duplicates.",
        ]
        if problems:
            lines.append(
                f"<b>{len(problems):,} problems</b> are listed below; by default nothing "
                "is imported until they are fixed."
            )
        else:
            lines.append("<b>No problems found.</b>")
        self.summary.setText("<br>".join(lines))
        for widget in (self.view, self.save_button, self.stop, self.skip):
            widget.setVisible(bool(problems))
        self.filler.setVisible(not problems)
        self.stop.setChecked(True)

    @property
    def skip_invalid(self) -> bool:
        return self.skip.isChecked()

    @property
    def can_import(self) -> bool:
        if self.prepared is None or self.prepared.importable == 0:
            return False
        return not self.prepared.problems or self.skip_invalid

    def save_problems(self) -> None:
        if self.prepared is None:
            return
        default = str(self.prepared.path.with_name(self.prepared.path.stem + "-problems.csv"))
        chosen, _ = QFileDialog.getSaveFileName(self, "Save problems", default, "CSV (*.csv)")
        if chosen:
            save_csv(self.prepared.problems, Path(chosen))
