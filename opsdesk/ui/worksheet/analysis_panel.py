"""What to run on a worksheet: the family of analysis (a control chart, a Pareto, a
capability sixpack, a gage R&R study, a hypothesis test), and its form, which shows only
the fields that analysis takes."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.spc.run_spc import SpcRequest
from opsdesk.core.worksheet.run_analysis import Request
from opsdesk.ui.worksheet.chart_forms import ControlChartForm, ParetoForm
from opsdesk.ui.worksheet.gage_form import GageForm
from opsdesk.ui.worksheet.sixpack_form import SixpackForm
from opsdesk.ui.worksheet.stats_form import StatsForm

CONTROL, PARETO, SIXPACK, GAGE, TEST = "control", "pareto", "sixpack", "gage", "test"
FAMILIES = ((CONTROL, "Control chart"), (PARETO, "Pareto chart"),
            (SIXPACK, "Capability sixpack"), (GAGE, "Gage R&R / attribute agreement"),
            (TEST, "Hypothesis test"))
# What the results area says before the first run of each family.
WAITING = {
    CONTROL: "Choose the chart and its column, then Run.",
    PARETO: "Choose the column of categories (and of counts), then Run.",
    SIXPACK: "Choose the values (and subgroups), give the LSL or USL, then Run: the "
             "stability verdict comes first, then the capability and six charts.",
    GAGE: "Choose the part, operator and measurement columns (one row per measurement), "
          "then Run: the ANOVA table, the variance components and six charts.",
    TEST: "Choose the test and its columns, then Run: the result comes as a sentence.",
}


class AnalysisPanel(QWidget):
    chart_requested = Signal()  # the page reads ``request()`` and reports its errors
    save_requested = Signal()
    family_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.family_box = QComboBox()
        for key, name in FAMILIES:
            self.family_box.addItem(name, key)
        self.control = ControlChartForm()
        self.pareto = ParetoForm()
        self.sixpack = SixpackForm()
        self.gage = GageForm()
        self.stats = StatsForm()
        self.forms: dict[str, ControlChartForm | ParetoForm | SixpackForm | GageForm |
                         StatsForm] = {CONTROL: self.control, PARETO: self.pareto,
                                       SIXPACK: self.sixpack, GAGE: self.gage,
                                       TEST: self.stats}
        self.run_button = QPushButton("Run")
        self.run_button.setDefault(True)
        self.save_button = QPushButton("Save as KPI…")
        self.save_button.setToolTip("Keep a column as a KPI's observations, dated by another "
                                    "column, with a saved chart of the kind chosen here.")
        head = QFormLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addRow("Analysis", self.family_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        # One form shown at a time (a hidden one takes no room, so the panel is as tall
        # as the fields the analysis takes).
        for key, _ in FAMILIES:
            layout.addWidget(self.forms[key])
        layout.addLayout(buttons)
        self.family_box.currentIndexChanged.connect(lambda _i: self._family_shown())
        self.run_button.clicked.connect(self.chart_requested)
        self.save_button.clicked.connect(self.save_requested)
        self._family_shown()

    def family(self) -> str:
        return str(self.family_box.currentData())

    def choose(self, family: str) -> None:
        self.family_box.setCurrentIndex(self.family_box.findData(family))

    def _family_shown(self) -> None:
        form = self.forms[self.family()]
        for widget in self.forms.values():
            widget.setVisible(widget is form)
        self.save_button.setVisible(self.family() == CONTROL)
        self.family_changed.emit()

    def set_columns(self, names: Sequence[str], numeric: Sequence[str] = ()) -> None:
        """The grid's columns to choose from in every form; a choice is kept where its
        column still exists."""
        for form in self.forms.values():
            form.set_columns(names, numeric)

    def request(self) -> Request:
        """The analysis as chosen (raises ``OpsdeskError`` for a field that makes no
        sense: a limit that is no number, a column missing)."""
        return self.forms[self.family()].request()

    def chart_request(self) -> SpcRequest:
        """The control chart's request (what Save as KPI keeps)."""
        return self.control.request()
