"""Pareto view: a Pareto chart of one of the workspace's tallies, with an Other bucket."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.spc.pareto_sources import ParetoSource
from opsdesk.ui.widgets.chart_view import ChartView


class ParetoView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.sources: list[ParetoSource] = []
        self.source = QComboBox()
        self.chosen = ""  # the source the user picked, kept across charts
        self.source.currentIndexChanged.connect(self._source_changed)
        self.source.activated.connect(self._user_chose)
        self.other = QDoubleSpinBox()
        self.other.setRange(0, 50)
        self.other.setSuffix(" %")
        self.other.setDecimals(1)
        self.other.setSpecialValueText("off")
        self.other.setToolTip('Categories under this share of the total join "Other"')
        self.other.valueChanged.connect(self._other_changed)
        self.view = ChartView()
        self.empty = QLabel("Nothing to count yet: signals, segments, exclusions or "
                            "incidents appear here as they are recorded.")
        self.empty.setObjectName("message")
        self.empty.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel("Pareto of"))
        bar.addWidget(self.source, 1)
        bar.addWidget(QLabel('"Other" below'))
        bar.addWidget(self.other)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.empty)
        layout.addWidget(self.view, 1)

    def _source_changed(self, _index: int) -> None:
        self._draw()

    def _user_chose(self, _index: int) -> None:
        self.chosen = self.source.currentText()

    def _other_changed(self, _value: float) -> None:
        self._draw()

    def set_sources(self, sources: list[ParetoSource]) -> None:
        self.sources = sources
        self.source.blockSignals(True)
        self.source.clear()
        self.source.addItems([s.title for s in sources])
        if self.chosen in [s.title for s in sources]:
            self.source.setCurrentText(self.chosen)
        self.source.blockSignals(False)
        self._draw()

    def _draw(self) -> None:
        from opsdesk.core.spc.chart_spec import pareto_spec
        from opsdesk.core.spc.pareto import pareto

        i = self.source.currentIndex()
        if i < 0 or i >= len(self.sources):
            self.view.set_spec(None)
            self.view.hide()
            self.empty.show()
            return
        src = self.sources[i]
        self.empty.hide()
        self.view.show()
        result = pareto(src.categories, src.counts, other_below=self.other.value() or None)
        self.view.set_spec(pareto_spec(result, src.title))
