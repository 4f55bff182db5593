"""The settings of a report template: titles, period, paper, logo, text, KPIs and charts."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.report.config import ReportConfig

ID_ROLE = Qt.ItemDataRole.UserRole


class ChoiceList(QWidget):
    """'All' or a ticked subset of (id, name) items."""

    changed = Signal()

    def __init__(self, all_text: str) -> None:
        super().__init__()
        self.all = QCheckBox(all_text)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.all.toggled.connect(self._all_toggled)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.all)
        layout.addWidget(self.list)

    def _all_toggled(self, on: bool) -> None:
        self.list.setEnabled(not on)
        self.changed.emit()

    def set_items(self, items: list[tuple[int, str]], chosen: tuple[int, ...]) -> None:
        self.blockSignals(True)
        self.list.clear()
        for item_id, name in items:
            item = QListWidgetItem(name)
            item.setData(ID_ROLE, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if item_id in chosen
                               else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.all.setChecked(not chosen)
        self.list.setEnabled(bool(chosen))
        self.blockSignals(False)

    def chosen(self) -> tuple[int, ...]:
        if self.all.isChecked():
            return ()
        return tuple(int(self.list.item(r).data(ID_ROLE)) for r in range(self.list.count())
                     if self.list.item(r).checkState() == Qt.CheckState.Checked)


class TemplateForm(QWidget):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._base = ReportConfig()
        self.title = QLineEdit()
        self.client = QLineEdit()
        self.author = QLineEdit()
        self.subtitle = QLineEdit()
        self.rolling = QCheckBox("Last 12 months of data")
        self.rolling.setToolTip("Or untick and choose the first and last day")
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.logo = QLineEdit()
        self.logo.setPlaceholderText("PNG or JPEG, optional")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_logo)
        self.confidentiality = QLineEdit()
        self.currency = QLineEdit()
        self.currency.setPlaceholderText("of project benefits, e.g. EUR; optional")
        self.summary = QPlainTextEdit()
        self.summary.setPlaceholderText("Your summary for the executive summary page")
        self.summary.setMaximumHeight(90)
        self.kpis = ChoiceList("All KPIs")
        self.charts = ChoiceList("All saved charts")  # the row is "Control charts"
        logo = QHBoxLayout()
        logo.addWidget(self.logo, 1)
        logo.addWidget(browse)
        # as high as its rows: on a tall screen the spare room stays below the form
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        # In a narrow column the labels go above their fields rather than cut them.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Title", self.title)
        form.addRow("Client", self.client)
        form.addRow("Prepared by", self.author)
        form.addRow("Subtitle", self.subtitle)
        form.addRow("Period", self.rolling)
        form.addRow("From", self.start)
        form.addRow("To", self.end)
        form.addRow("Paper", self.paper)
        form.addRow("Logo", logo)
        form.addRow("Confidentiality", self.confidentiality)
        form.addRow("Currency", self.currency)
        form.addRow("Summary", self.summary)
        form.addRow("KPIs", self.kpis)
        form.addRow("Control charts", self.charts)
        for line in (self.title, self.client, self.author, self.subtitle, self.logo,
                     self.confidentiality, self.currency):
            line.editingFinished.connect(self.changed.emit)
        self.summary.textChanged.connect(self.changed.emit)
        self.rolling.toggled.connect(self._rolling_toggled)
        for edit in (self.start, self.end):
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.paper.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.kpis.changed.connect(self.changed.emit)
        self.charts.changed.connect(self.changed.emit)

    def _rolling_toggled(self, on: bool) -> None:
        self.start.setEnabled(not on)
        self.end.setEnabled(not on)
        self.changed.emit()

    def _browse_logo(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a logo", "",
                                              "Images (*.png *.jpg *.jpeg)")
        if path:
            self.logo.setText(path)
            self.changed.emit()

    def set_config(self, config: ReportConfig, kpis: list[tuple[int, str]],
                   charts: list[tuple[int, str]], latest: QDate) -> None:
        self._base = config
        widgets = (self.title, self.client, self.author, self.subtitle, self.rolling,
                   self.start, self.end, self.paper, self.logo, self.confidentiality,
                   self.currency, self.summary, self.kpis, self.charts)
        for widget in widgets:
            widget.blockSignals(True)
        self.title.setText(config.title)
        self.client.setText(config.client)
        self.author.setText(config.author)
        self.subtitle.setText(config.subtitle)
        rolling = config.period_to is None
        self.rolling.setChecked(rolling)
        end = QDate.fromString(config.period_to, "yyyy-MM-dd") if config.period_to else latest
        start = (QDate.fromString(config.period_from, "yyyy-MM-dd") if config.period_from
                 else QDate(end.year(), end.month(), 1).addMonths(-11))
        self.start.setDate(start)
        self.end.setDate(end)
        self.start.setEnabled(not rolling)
        self.end.setEnabled(not rolling)
        self.paper.setCurrentIndex(1 if config.paper == "letter" else 0)
        self.logo.setText(config.logo or "")
        self.confidentiality.setText(config.confidentiality)
        self.currency.setText(config.currency)
        self.summary.setPlainText(config.summary_text)
        self.kpis.set_items(kpis, config.kpi_ids)
        self.charts.set_items(charts, config.chart_ids)
        for line in (self.title, self.client, self.author, self.subtitle, self.logo,
                     self.confidentiality):
            line.setCursorPosition(0)  # a narrow field shows the start of its text
        for widget in widgets:
            widget.blockSignals(False)

    def config(self, sections: tuple[str, ...]) -> ReportConfig:
        rolling = self.rolling.isChecked()
        return replace(
            self._base, title=self.title.text().strip() or "Operations review",
            client=self.client.text().strip(), author=self.author.text().strip(),
            subtitle=self.subtitle.text().strip(),
            period_from=None if rolling else self.start.date().toString("yyyy-MM-dd"),
            period_to=None if rolling else self.end.date().toString("yyyy-MM-dd"),
            paper=str(self.paper.currentData()), logo=self.logo.text().strip() or None,
            confidentiality=self.confidentiality.text().strip(),
            currency=self.currency.text().strip(),
            summary_text=self.summary.toPlainText(), sections=sections,
            kpi_ids=self.kpis.chosen(), chart_ids=self.charts.chosen())
