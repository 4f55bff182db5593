"""Step 3: what the whole file holds, every problem, the KPIs it will create (their
proposed meaning, editable here), the stored values it restates, and what to do."""

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.imports.commit import Preview
from opsdesk.core.imports.plan import Prepared
from opsdesk.core.imports.problems import save_csv
from opsdesk.ui.import_wizard.models import ProblemsModel
from opsdesk.ui.import_wizard.proposals import ChangedModel, ChoiceDelegate, NewKpisModel
from opsdesk.ui.widgets.plain_text import rich


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


class CheckPage(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.prepared: Prepared | None = None
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.model = ProblemsModel()
        self.view = _table(self.model)
        self.view.verticalHeader().show()
        self.view.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.new_kpis = NewKpisModel()
        self.new_view = _table(self.new_kpis)
        self.new_view.setItemDelegate(ChoiceDelegate(self.new_view))
        self.new_view.setEditTriggers(
            QTableView.EditTrigger.AllEditTriggers & ~QTableView.EditTrigger.CurrentChanged
        )
        self.changed = ChangedModel()
        self.changed_view = _table(self.changed)
        self.changed_view.horizontalHeader().setStretchLastSection(False)
        self.keep = QRadioButton("Keep the stored values")
        self.replace = QRadioButton("Replace them with the file's values (undo puts them back)")
        self.keep.setChecked(True)
        changed_tab = QWidget()
        changed_layout = QVBoxLayout(changed_tab)
        changed_layout.addWidget(self.changed_view, 1)
        changed_layout.addWidget(self.keep)
        changed_layout.addWidget(self.replace)
        problems_tab = QWidget()
        problems_layout = QVBoxLayout(problems_tab)
        problems_layout.setContentsMargins(0, 0, 0, 0)
        problems_layout.addWidget(self.view, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(problems_tab, "Problems")
        self.tabs.addTab(self.new_view, "New KPIs")
        self.tabs.addTab(changed_tab, "Changed values")
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
        layout.addWidget(self.tabs, 1)
        self.filler = QWidget()  # keeps the summary at the top when there is no list
        layout.addWidget(self.filler, 1)
        layout.addLayout(choices)
        layout.addLayout(profile)

    def show_prepared(self, prepared: Prepared, preview: Preview) -> None:
        self.prepared = prepared
        problems = prepared.problems
        self.model.set_rows(problems)
        new = prepared.kpis.proposals
        self.new_kpis.set_rows(new)
        self.changed.set_rows(preview.changed)
        unset = sum(k.direction == "none" for k in new)
        lines = [
            f"<b>{rich(prepared.path.name)}</b>: {_count(prepared.parsed.rows_read, 'row')} "
            f"read, {_count(preview.rows, 'new observation')} to import"
            f" ({prepared.mapping.layout} layout); {preview.duplicates:,} "
            f"{'is' if preview.duplicates == 1 else 'are'} already in the workspace.",
            f"<b>{len(new)} new KPI{'' if len(new) == 1 else 's'}</b>, each with the meaning "
            "proposed for it (from a KPI "
            "pack, or its name and data): check them under New KPIs and double-click what is "
            "wrong to change it"
            + (f"; {unset} {'has' if unset == 1 else 'have'} no direction yet and will show "
               "no status until one is set." if unset else ".")
            if new
            else "Every KPI in the file already exists in the workspace.",
        ]
        if preview.changed:
            one = len(preview.changed) == 1
            lines.append(
                f"<b>{len(preview.changed):,} stored value{'' if one else 's'}</b> "
                f"{'is' if one else 'are'} given differently by the file (see Changed "
                f"values): {'it is' if one else 'they are'} kept unless you choose to "
                f"replace {'it' if one else 'them'}."
            )
        if problems:
            one = len(problems) == 1
            lines.append(
                f"<b>{_count(len(problems), 'problem')}</b> {'is' if one else 'are'} listed "
                "under Problems; by default nothing is imported until "
                f"{'it is' if one else 'they are'} fixed."
            )
        else:
            lines.append("<b>No problems found.</b>")
        self.summary.setText("<br>".join(lines))
        shown = [bool(problems), bool(new), bool(preview.changed)]
        for index, (count, title) in enumerate(zip(
                (len(problems), len(new), len(preview.changed)),
                ("Problems", "New KPIs", "Changed values"), strict=True)):
            self.tabs.setTabText(index, f"{title} ({count:,})")
            self.tabs.setTabVisible(index, shown[index])
        self.tabs.setVisible(any(shown))
        if any(shown):
            self.tabs.setCurrentIndex(shown.index(True))
        for widget in (self.save_button, self.stop, self.skip):
            widget.setVisible(bool(problems))
        self.filler.setVisible(not any(shown))
        self.new_view.resizeColumnsToContents()
        self.changed_view.resizeColumnsToContents()
        self.stop.setChecked(True)
        self.keep.setChecked(True)

    @property
    def update_changed(self) -> bool:
        return self.replace.isChecked()

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
