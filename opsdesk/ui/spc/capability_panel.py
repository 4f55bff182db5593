"""Capability panel: histogram with spec lines and fitted curves, the indices table, and
the normal probability plot with the Anderson-Darling verdict; Box-Cox on request."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
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
        self.box_cox = QCheckBox("Box-Cox transformation")
        self.box_cox.setToolTip("Compute the indices on Box-Cox transformed data "
                                "(λ by maximum likelihood) when the data are not normal")
        self.box_cox.toggled.connect(self._box_cox_toggled)
        self.verdict = QLabel()
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setWordWrap(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("hint")

        # Wrapped texts: their height is set from their width while shown (_fit_stability),
        # so a hidden tab gets no say in the page's height from the labels' own guesses.
        for label in (self.stability, self.verdict, self.notes):
            label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.table, 1)
        side_layout.addWidget(self.box_cox)
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
        self.box_cox.blockSignals(True)
        self.box_cox.setChecked(False)
        self.box_cox.blockSignals(False)
        self._draw()

    def _explain(self, index: QModelIndex) -> None:
        key = index.data(TERM_ROLE)
        window = self.window()
        if key and hasattr(window, "show_glossary"):
            window.show_glossary(str(key))

    def _box_cox_toggled(self, _checked: bool) -> None:
        self._draw()

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
        from opsdesk.core.spc.capability_view import capability_for

        if self.computed is None:
            self._show_message("Choose a chart to see its capability.")
            return
        try:
            view = capability_for(self.computed, self.box_cox.isChecked())
            plain = view if not self.box_cox.isChecked() else capability_for(self.computed)
        except OpsdeskError as error:
            self._show_message(str(error))
            return
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
        positive = bool((self.computed.values > 0).all())
        self.box_cox.setEnabled(positive and (not plain.normality.normal
                                              or self.box_cox.isChecked()))
        self.notes.setText("\n".join(view.notes))
        self._fit_stability()

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
        for label in (self.stability, self.verdict, self.notes):
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
