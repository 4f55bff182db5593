"""Capability panel: histogram with spec lines and fitted curves, the indices table, and
the normal probability plot with the Anderson-Darling verdict; for data that are not
normal, on request, the indices on Box-Cox transformed data, or the lines of
``opsdesk spc --transform johnson`` or ``--fit`` (a fitted distribution, the best by
Anderson-Darling, by the ISO 22514-2 percentile method) under the indices."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontDatabase, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability_view import NON_NORMAL, non_normal_method
from opsdesk.core.spc.saved import Computed
from opsdesk.ui.spc.indices_model import TERM_ROLE, IndicesModel
from opsdesk.ui.widgets.chart_view import ChartView
from opsdesk.ui.widgets.plain_text import rich
from opsdesk.ui.widgets.vertical_scroll import VerticalScrollArea


class CapabilityPanel(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.computed: Computed | None = None
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.stability = QLabel()  # not in statistical control: said above the indices
        self.stability.setObjectName("warning")
        self.stability.setWordWrap(True)
        self.stability.hide()
        self.histogram = ChartView()
        self.probability = ChartView()
        self.model = IndicesModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumWidth(330)
        self.table.doubleClicked.connect(self._explain)  # the figure in the glossary
        self.non_normal = QComboBox()  # how to judge data that are not normal
        for text, method in NON_NORMAL:
            self.non_normal.addItem(text, method)
        self.non_normal.setToolTip(
            "For data that are not normal: the indices on Box-Cox transformed data (λ by "
            "maximum likelihood); or, under them, the indices on Johnson transformed data, "
            "or by the percentile method (ISO 22514-2) on a fitted distribution, the best "
            "one having the smallest Anderson-Darling statistic")
        self.non_normal.setAccessibleName("Non-normal capability")
        self.non_normal.setMinimumContentsLength(12)  # the long names do not widen the side
        self.non_normal.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.non_normal.currentIndexChanged.connect(lambda _i: self._draw())
        self.non_normal_text = QLabel()  # the command line's lines for that method
        self.non_normal_text.setFont(QFontDatabase.systemFont(
            QFontDatabase.SystemFont.FixedFont))  # the lines' columns line up
        self.non_normal_text.setWordWrap(True)
        self.non_normal_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        self.non_normal_text.hide()
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("hint")

        # Wrapped texts: their height is set from their width while shown (_fit_stability),
        # so a hidden tab gets no say in the page's height from the labels' own guesses.
        for label in (self.stability, self.verdict, self.notes, self.non_normal_text):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 1)
        side_layout.addWidget(QLabel("If the data are not normal:"))
        side_layout.addWidget(self.non_normal)  # the side's width, however zoomed
        side_layout.addWidget(self.non_normal_text)
        side_layout.addWidget(self.verdict)
        side_layout.addWidget(self.notes)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.histogram)
        charts.addWidget(self.probability)
        charts.setSizes([550, 350])
        self.body = QWidget()
        body_layout = QHBoxLayout(self.body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(charts, 5)
        # the indices and their notes scroll together when a small or zoomed screen has
        # no room for every wrapped line
        body_layout.addWidget(VerticalScrollArea(side), 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.stability)
        layout.addWidget(self.body, 1)

    def set_computed(self, computed: Computed | None) -> None:
        self.computed = computed
        self.non_normal.blockSignals(True)
        self.non_normal.setCurrentIndex(0)  # each chart starts from the normal indices
        self.non_normal.blockSignals(False)
        self._draw()

    def _explain(self, index: QModelIndex) -> None:
        key = index.data(TERM_ROLE)
        window = self.window()
        if key and hasattr(window, "show_glossary"):
            window.show_glossary(str(key))

    def method(self) -> tuple[str | None, str | None]:
        """The non-normal method chosen: (transform, fit), both None for normal only."""
        return non_normal_method(self.non_normal.currentData())

    def _draw(self) -> None:
        self._draw_content()
        stack = self.parentWidget()
        if self.isHidden() and stack is not None:
            # Qt passes no size change on from a hidden widget (a tab not shown), yet the
            # tab widget's least size counts it: tell the tab's stack, so that a zoomed
            # page grows (and scrolls) instead of being squeezed.
            if (stack_layout := stack.layout()) is not None:
                stack_layout.invalidate()
            stack.updateGeometry()

    def _draw_content(self) -> None:
        from opsdesk.core.spc.capability_view import (
            capability_for,
            fitted_views,
            non_normal_for,
        )

        if self.computed is None:
            self._show_message("Choose a chart to see its capability.")
            return
        transform, fit = self.method()
        box_cox = transform == "box-cox"
        try:
            view = capability_for(self.computed, box_cox)
        except OpsdeskError as error:
            if not box_cox:
                self._show_message(str(error))
                return
            view = capability_for(self.computed)  # the normal indices, and why not
            self._show_non_normal([str(error)])
        else:
            lines: list[str] = []
            if transform == "johnson" or fit:
                try:
                    lines = non_normal_for(self.computed, transform, fit)
                    if fit:  # the distribution the indices come from, not the normal
                        histogram, probability = fitted_views(self.computed, fit)
                        view = replace(view, histogram=histogram, probability=probability)
                except OpsdeskError as error:
                    lines = [str(error)]
            self._show_non_normal(lines)
        self.message.hide()
        self.body.show()
        self.stability.setText(view.stability or "")
        self.stability.setVisible(view.stability is not None)
        self._fit_stability()
        self.histogram.set_spec(view.histogram)
        self.probability.set_spec(view.probability)
        self.model.set_capability(view.capability)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        normal = view.normality.normal
        colour = "#2e7d32" if normal else "#c62828"
        self.verdict.setText(
            f"<span style='color:{colour}'>{rich(view.normality.verdict())}</span>")
        self.notes.setText("\n".join(view.notes))
        self._fit_stability()

    def _show_non_normal(self, lines: list[str]) -> None:
        self.non_normal_text.setText("\n".join(lines))
        self.non_normal_text.setVisible(bool(lines))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_stability()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_stability()

    def _fit_stability(self) -> None:
        """Wrapped labels under a stylesheet font report too small a height: ask each for
        its height at its width, so the page scrolls rather than cut their texts. Only
        while shown: a hidden tab's labels have no width yet, and would ask for a height
        that makes the whole tab widget tall."""
        for label in (self.stability, self.verdict, self.notes, self.non_normal_text):
            if not self.isVisible() or label.isHidden() or not label.text():
                label.setMinimumHeight(0)
                continue
            label.ensurePolished()
            label.setMinimumHeight(label.heightForWidth(label.width()))

    def _show_message(self, text: str) -> None:
        self.stability.hide()
        self.message.setText(text)
        self.message.show()
        self.body.hide()
        self.model.set_capability(None)
