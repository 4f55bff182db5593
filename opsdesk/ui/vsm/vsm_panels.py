"""The Value streams page's side panels: the chosen process's data box and the customer
demand as typed fields (each finished edit is a request the page turns into a command),
and the metrics with the conventions they follow."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from opsdesk.core.maps.vsm_edits import DEMAND_FIELDS, PROCESS_FIELDS
from opsdesk.core.maps.vsm_format import (
    conventions,
    count_text,
    days_text,
    duration_text,
    percent_text,
)
from opsdesk.core.maps.vsm_inventory import INVENTORY_METHODS
from opsdesk.core.maps.vsm_links import FIELD_WORDS
from opsdesk.core.maps.vsm_metrics import DAY_BASES, VsmMetrics, VsmSettings
from opsdesk.core.maps.vsm_model import (
    INVENTORY_LINK_FIELDS,
    PROCESS_LINK_FIELDS,
    Demand,
    Inventory,
    LinkField,
    Process,
)


def _shown(kind: str, value: object) -> str:
    if value is None:
        return ""
    if kind == "time":
        return duration_text(float(value))  # type: ignore[arg-type]
    if kind == "share":
        return percent_text(float(value))  # type: ignore[arg-type]
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


class FieldsBox(QGroupBox):
    """Line edits for ``fields``; ``edited(field, text)`` when one is finished and changed."""

    edited = Signal(str, str)

    def __init__(self, title: str, fields: dict[str, tuple[str, str]]) -> None:
        super().__init__(title)
        form = QFormLayout(self)
        self.edits: dict[str, QLineEdit] = {}
        self._shown: dict[str, str] = {}
        for field, (label, _kind) in fields.items():
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.editingFinished.connect(lambda f=field: self._finished(f))
            form.addRow(label, edit)
            self.edits[field] = edit
        self.fields = fields

    def show_values(self, values: dict[str, object], read_only: bool) -> None:
        for field, edit in self.edits.items():
            text = _shown(self.fields[field][1], values.get(field))
            self._shown[field] = text
            edit.setText(text)
            edit.setReadOnly(read_only)

    def _finished(self, field: str) -> None:
        text = self.edits[field].text()
        if text.strip() != self._shown.get(field, "").strip():
            self._shown[field] = text
            self.edited.emit(field, text)

    def revert(self, field: str, text: str) -> None:
        self._shown[field] = text
        self.edits[field].setText(text)


class ProcessBox(FieldsBox):
    def __init__(self) -> None:
        super().__init__("Data box", PROCESS_FIELDS)
        self.key: str | None = None
        self.process: Process | None = None

    def show_process(self, key: str | None, process: Process | None, read_only: bool) -> None:
        self.key, self.process = key, process
        self.setTitle(f"Data box: {process.name}" if process else "Data box (click a process)")
        values = {} if process is None else {f: getattr(process, f) for f in PROCESS_FIELDS}
        self.show_values(values, read_only)
        self.setEnabled(process is not None)


class LinksBox(QGroupBox):
    """Which of the chosen process's (or inventory's) fields a KPI feeds: "Typed value"
    or a KPI, one choice a field; ``linked(field, kpi_id or None)`` when one is changed."""

    linked = Signal(str, object)
    TYPED = "Typed value"

    def __init__(self) -> None:
        super().__init__("Fed by KPIs")
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # KPI names are long
        self.form = form
        self.combos: dict[LinkField, QComboBox] = {}
        for field in PROCESS_LINK_FIELDS + INVENTORY_LINK_FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"link_{field}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.activated.connect(lambda _i, f=field: self._chosen(f))
            form.addRow(FIELD_WORDS[field].capitalize(), combo)
            self.combos[field] = combo
        hint = QLabel("A fed value shows the KPI's latest completed period, with its status, "
                      "on the map; the typed value stays for when the KPI has none.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow(hint)

    def show_links(self, process: Process | Inventory | None, kpis: list[tuple[int, str]],
                   read_only: bool) -> None:
        """The links of ``process``, or of an inventory (its quantity and days)."""
        fed = {k.field: k.kpi_id for k in process.links} if process else {}
        shown = INVENTORY_LINK_FIELDS if isinstance(process, Inventory) else PROCESS_LINK_FIELDS
        for field, combo in self.combos.items():
            self.form.setRowVisible(combo, field in shown)
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.TYPED, None)
            for kpi_id, name in kpis:
                combo.addItem(name, kpi_id)
            at = combo.findData(fed[field]) if field in fed else 0
            combo.setCurrentIndex(max(at, 0))
            combo.setEnabled(process is not None and not read_only)
            combo.blockSignals(False)
        name = process.name or "inventory" if process else ""
        self.setTitle(f"Fed by KPIs: {name}" if process else
                      "Fed by KPIs (click on the map)")

    def _chosen(self, field: LinkField) -> None:
        self.linked.emit(field, self.combos[field].currentData())


class DemandBox(FieldsBox):
    def __init__(self) -> None:
        super().__init__("Customer demand", DEMAND_FIELDS)

    def show_demand(self, demand: Demand | None, read_only: bool) -> None:
        values = {} if demand is None else {f: getattr(demand, f) for f in DEMAND_FIELDS}
        self.show_values(values, read_only)


class SettingsBox(QGroupBox):
    """The conventions the metrics follow, chosen here (every one a visible setting)."""

    settings_changed = Signal(object)  # VsmSettings

    def __init__(self) -> None:
        super().__init__("Conventions")
        self.method = QComboBox()
        self.method.addItems(list(INVENTORY_METHODS))
        self.lead = QComboBox()
        self.lead.addItems(["inventory days", "inventory days + processing"])
        self.basis = QComboBox()
        self.basis.addItems(list(DAY_BASES))
        form = QFormLayout(self)
        # Each label above its choice, so a narrow column still shows the choice whole.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Inventory days", self.method)
        form.addRow("Lead time", self.lead)
        form.addRow("PCE day", self.basis)
        for combo in (self.method, self.lead, self.basis):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.currentIndexChanged.connect(lambda _i: self.settings_changed.emit(
                self.settings()))

    def show_settings(self, settings: VsmSettings) -> None:
        """The map's own conventions, shown without emitting a change."""
        for combo, index in ((self.method, INVENTORY_METHODS.index(settings.inventory_method)),
                             (self.lead, int(settings.lead_time_includes_processing)),
                             (self.basis, DAY_BASES.index(settings.day_basis))):
            combo.blockSignals(True)
            combo.setCurrentIndex(index)
            combo.blockSignals(False)

    def settings(self) -> VsmSettings:
        return VsmSettings(INVENTORY_METHODS[self.method.currentIndex()],
                           self.lead.currentIndex() == 1,
                           DAY_BASES[self.basis.currentIndex()])


class MetricsBox(QGroupBox):
    """The figures of the stream shown."""

    def __init__(self) -> None:
        super().__init__("Metrics")
        column = QVBoxLayout(self)
        self.figures = QLabel()
        self.figures.setObjectName("vsmFigures")
        self.figures.setTextFormat(Qt.TextFormat.RichText)
        self.figures.setWordWrap(True)
        column.addWidget(self.figures)
        column.addStretch(1)

    def show_metrics(self, m: VsmMetrics | None) -> None:
        if m is None:
            self.figures.setText("")
            return
        constraint = next((s.name for s in m.steps if s.constraint), "n/a")
        ops = "n/a" if m.operators_needed is None else f"{m.operators_needed:.2f}"
        rows = [("Takt", duration_text(m.takt_s)), ("Daily demand", count_text(m.daily_demand)),
                ("Lead time", days_text(m.lead_time_days)),
                ("Processing time", duration_text(m.processing_time_s)),
                ("PCE", percent_text(m.pce)), ("Rolled yield", percent_text(m.rolled_yield)),
                ("Operators needed", ops), ("Constraint", constraint)]
        self.figures.setText("<table>" + "".join(
            f"<tr><td>{k}&nbsp;&nbsp;</td><td><b>{escape(v)}</b></td></tr>" for k, v in rows)
            + "</table>")


def notes_text(m: VsmMetrics | None) -> str:
    """The conventions and the warnings, one a line (plain text)."""
    if m is None:
        return ""
    return "\n".join(conventions(m) + [f"⚠ {w}" for w in m.warnings])
