"""The results of a worksheet analysis: the lines as the command line prints them in a
selectable read-only monospace box, then its charts stacked (two abreast in a wide
column, as Minitab lays out a sixpack), in one scrolling column.
The charts are the project's ChartView (Copy, Export and Print on the right-click menu)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.worksheet.analysis import Analysis
from opsdesk.ui.widgets.chart_view import ChartView

CHART_HEIGHT = 300
TWO_ABREAST = 900  # the column's width from which charts go two to a row
TEXT_SHARE = 0.45  # of the column's height, at most, for the text (a longer one scrolls)


class ResultsView(QScrollArea):
    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.charts: list[ChartView] = []
        body = QWidget()
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(0, 0, 4, 0)
        self._layout.addWidget(self.text)
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._columns = 1
        self._layout.addLayout(self._grid, 1)
        self.setWidget(body)
        self._fit_text()

    def set_waiting(self, hint: str) -> None:
        """No result yet: what to do, in the text box."""
        self.show_analysis(None)
        self.text.setPlaceholderText(hint)

    def show_analysis(self, analysis: Analysis | None, problem: str = "") -> None:
        for view in self.charts:
            view.clear()
            self._grid.removeWidget(view)
            view.hide()
            view.deleteLater()
        self.charts = []
        self.text.setPlainText("\n".join(analysis.lines) if analysis else problem)
        for spec in analysis.specs if analysis else ():
            view = ChartView()
            view.setMinimumHeight(CHART_HEIGHT)
            view.set_spec(spec)
            self.charts.append(view)
        self._place_charts()
        self._fit_text()
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._wanted_columns() != self._columns:
            self._place_charts()
        self._fit_text()

    def _wanted_columns(self) -> int:
        return 2 if self.viewport().width() >= TWO_ABREAST and len(self.charts) > 1 else 1

    def _place_charts(self) -> None:
        for view in self.charts:
            self._grid.removeWidget(view)
        self._columns = self._wanted_columns()
        for index, view in enumerate(self.charts):
            self._grid.addWidget(view, index // self._columns, index % self._columns)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 1)

    def _fit_text(self) -> None:
        """The box as tall as its lines (wrapped at its width), up to ``TEXT_SHARE`` of the
        column with charts below it (the whole column without)."""
        if not self.charts:
            self.text.setMinimumHeight(0)
            self.text.setMaximumHeight(16_777_215)
            self._layout.setStretch(0, 1)
            self._layout.setStretch(1, 0)
            return
        self._layout.setStretch(0, 0)
        self._layout.setStretch(1, 1)
        lines = self.text.document().size().height()  # visual lines, wrapping included
        spacing = self.text.fontMetrics().lineSpacing()
        most = max(6.0, TEXT_SHARE * self.viewport().height() / spacing)
        shown = max(2.0, min(most, lines))
        frame = 2 * self.text.frameWidth() + 2 * int(self.text.document().documentMargin())
        height = int(shown * spacing) + frame + 2
        self.text.setFixedHeight(height)
