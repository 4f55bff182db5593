"""The KPI the project is to move: which one, its baseline and target, the day the
change was made, and what core's ``before_after`` makes of it: the verdict in plain words,
the evidence beside it, and the KPI's chart staged at the implementation date, drawn by
the app's one ``ChartView``. Each field edited is one field's change (``edit_requested``),
made one undoable ``EditProject`` by the page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QGroupBox, QLabel, QVBoxLayout

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.formatting import fmt
from opsdesk.ui.improve.charter_text import day_of, number_of
from opsdesk.ui.improve.commit_fields import CommitLine
from opsdesk.ui.improve.project_data import ProjectData

if TYPE_CHECKING:
    from opsdesk.ui.widgets.chart_view import ChartView

NONE = "(no KPI)"
NO_KPI = ("No KPI linked. Choose the KPI this project is to move: its chart and the "
          "before/after verdict then appear here.")
NO_DATE = ("Give the day the change was made (implemented on): the before/after splits "
           "{kpi} there and tells whether it really moved. Until then its trend is shown.")


class BeforeAfterPanel(QGroupBox):
    edit_requested = Signal(dict, str)
    invalid = Signal(str)

    def __init__(self) -> None:
        super().__init__("KPI: before and after")
        self.kpi_box = QComboBox()
        self.kpi_box.setObjectName("kpi")
        self.baseline = CommitLine()
        self.target = CommitLine()
        self.implemented = CommitLine()
        self.implemented.setPlaceholderText("YYYY-MM-DD")
        self.verdict = QLabel()
        self.verdict.setObjectName("heading")
        self.verdict.setWordWrap(True)
        self.evidence = QLabel()
        self.evidence.setObjectName("secondary")
        self.evidence.setWordWrap(True)
        self.chart: ChartView | None = None
        grid = QGridLayout()
        grid.addWidget(QLabel("Linked KPI"), 0, 0)
        grid.addWidget(self.kpi_box, 0, 1, 1, 3)
        grid.addWidget(QLabel("Baseline"), 1, 0)
        grid.addWidget(self.baseline, 1, 1)
        grid.addWidget(QLabel("Target"), 1, 2)
        grid.addWidget(self.target, 1, 3)
        grid.addWidget(QLabel("Implemented on"), 2, 0)
        grid.addWidget(self.implemented, 2, 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(grid)
        self.layout_.addWidget(self.verdict)
        self.layout_.addWidget(self.evidence)
        self.kpi_box.activated.connect(self._kpi_chosen)
        self.baseline.committed.connect(lambda t: self._number("baseline", t))
        self.target.committed.connect(lambda t: self._number("target", t))
        self.implemented.committed.connect(self._implemented)

    def _kpi_chosen(self, _index: int) -> None:
        text = self.kpi_box.currentText()
        self.edit_requested.emit({"kpi": "" if text == NONE else text}, "Link project KPI")

    def _number(self, key: str, text: str) -> None:
        try:
            value = number_of(text, f"The {key}")
        except OpsdeskError as error:
            self.invalid.emit(str(error))
            return
        self.edit_requested.emit({key: value}, f"Set project KPI {key}")

    def _implemented(self, text: str) -> None:
        try:
            day = day_of(text, "The implementation date")
        except OpsdeskError as error:
            self.invalid.emit(str(error))
            return
        self.edit_requested.emit({"implemented_on": day}, "Set implementation date")

    def _say(self, sentence: str, evidence: str, verdict: bool) -> None:
        """The verdict stands out; a hint of what to give first reads as a hint."""
        self.verdict.setText(sentence)
        self.verdict.setObjectName("heading" if verdict else "secondary")
        self.verdict.style().unpolish(self.verdict)
        self.verdict.style().polish(self.verdict)
        self.evidence.setText(evidence)

    def _ensure_chart(self) -> ChartView:
        if self.chart is None:
            from opsdesk.ui.widgets.chart_view import ChartView

            self.chart = ChartView()
            self.chart.setMinimumHeight(260)
            self.layout_.addWidget(self.chart, 1)
        return self.chart

    def show_data(self, data: ProjectData, read_only: bool) -> None:
        p = data.stored.project
        link = p.kpis[0] if p.kpis else None
        self.kpi_box.clear()
        self.kpi_box.addItems([NONE, *data.kpi_names])
        self.kpi_box.setCurrentText(data.kpi.name if data.kpi else NONE)
        self.kpi_box.setEnabled(not read_only)

        def shown(value: Any) -> str:
            return "" if value is None else (fmt(data.kpi, value) if data.kpi else str(value))

        self.baseline.show_value(shown(link.baseline if link else None))
        self.target.show_value(shown(link.target if link else None))
        self.implemented.show_value(p.implemented_on.isoformat() if p.implemented_on else "")
        for field in (self.baseline, self.target):
            field.setReadOnly(read_only or link is None)
            field.setPlaceholderText("link a KPI first" if link is None else
                                     f"in {data.kpi.unit}" if data.kpi and data.kpi.unit
                                     else "")
        self.implemented.setReadOnly(read_only)
        if data.kpi is None:
            self._say(NO_KPI, "", verdict=False)
        elif data.verdict is None:
            self._say(NO_DATE.format(kpi=data.kpi.name), "", verdict=False)
        else:
            self._say(data.verdict.sentence, " ".join(data.verdict.evidence()), verdict=True)
        self.evidence.setVisible(bool(self.evidence.text()))
        if data.chart is not None:
            self._ensure_chart().set_spec(data.chart)
            self._ensure_chart().show()
        elif self.chart is not None:
            self.chart.set_spec(None)
            self.chart.hide()
