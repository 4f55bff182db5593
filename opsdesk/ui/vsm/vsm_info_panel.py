"""The Value streams page's information-flow panel: the flows stored with the map shown,
one added (kind, from, to, label) or the chosen one removed, and the load-levelling box
placed. Each gesture comes out as a value-stream command (``command``) for the page to
run, so it is undoable like every other edit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from opsdesk.core.maps.vsm_info_commands import (
    AddInfoFlow,
    PlaceLevelingBox,
    RemoveInfoFlow,
    end_names,
)
from opsdesk.core.maps.vsm_info_model import ENDS, INFO_KINDS, KIND_WORDS, InfoFlow
from opsdesk.core.maps.vsm_store import StoredStream

NO_BOX = "(none)"


def flow_text(flow: InfoFlow, names: dict[str, str]) -> str:
    """One line of the list: kind, from → to, and the label."""
    def name(end: str) -> str:
        return names.get(end, f"{end} (no longer on the map)")

    text = f"{KIND_WORDS[flow.kind].capitalize()}: {name(flow.source)} → {name(flow.target)}"
    return f"{text} · {flow.label}" if flow.label else text


class InfoFlowBox(QGroupBox):
    command = Signal(object)  # a value-stream command for the page to execute

    def __init__(self) -> None:
        super().__init__("Information flow")
        self.stored: StoredStream | None = None
        self.flows = QListWidget()
        self.flows.setObjectName("infoFlows")
        self.flows.setWordWrap(True)  # a flow's whole line, however narrow the panel
        self.flows.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.flows.setMinimumHeight(64)
        # The list takes the room the fields leave, rather than asking for its own.
        self.flows.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self._remove)
        self.flows.currentRowChanged.connect(lambda _row: self._enable())
        self.kind = QComboBox()
        self.kind.setObjectName("infoKind")
        for kind in INFO_KINDS:
            self.kind.addItem(KIND_WORDS[kind].capitalize(), kind)
        self.source, self.target = QComboBox(), QComboBox()
        self.source.setObjectName("infoFrom")
        self.target.setObjectName("infoTo")
        self.label = QLineEdit()
        self.label.setObjectName("infoLabel")
        self.label.setPlaceholderText("e.g. weekly schedule")
        self.label.returnPressed.connect(self._add)
        self.add_button = QPushButton("Add flow")
        self.add_button.clicked.connect(self._add)
        self.leveling = QComboBox()
        self.leveling.setObjectName("infoLeveling")
        self.leveling.activated.connect(lambda _i: self._place())
        # Each label above its choice, so a long name gets the panel's whole width and
        # the panel asks for no more width than its neighbours leave it.
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for combo in (self.kind, self.source, self.target, self.leveling):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
        form.addRow("Kind", self.kind)
        form.addRow("From", self.source)
        form.addRow("To", self.target)
        form.addRow("Label", self.label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.flows, 1)
        column.addLayout(form)
        column.addLayout(buttons)
        levels = QFormLayout()
        levels.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        levels.addRow("Load-levelling box at", self.leveling)
        column.addLayout(levels)
        self.read_only = True
        self._enable()

    def show_stream(self, stored: StoredStream | None, read_only: bool) -> None:
        self.stored, self.read_only = stored, read_only
        names = end_names(stored) if stored is not None else {}
        row = self.flows.currentRow()
        self.flows.clear()
        info = stored.stream.information if stored is not None else None
        for flow in info.flows if info is not None else ():
            self.flows.addItem(flow_text(flow, names))
            self.flows.item(self.flows.count() - 1).setToolTip(flow_text(flow, names))
        self.flows.setCurrentRow(min(row, self.flows.count() - 1))
        for combo in (self.source, self.target):
            chosen = combo.currentData()
            combo.clear()
            for key, name in names.items():
                combo.addItem(name, key)
            at = combo.findData(chosen)
            combo.setCurrentIndex(at if at >= 0 else 0)
        if self.source.currentData() == self.target.currentData() and self.target.count() > 1:
            self.target.setCurrentIndex(1)
        self.leveling.clear()
        self.leveling.addItem(NO_BOX, None)
        for key, name in names.items():
            if key not in ENDS:
                self.leveling.addItem(name, key)
        at = self.leveling.findData(info.leveling_at if info is not None else None)
        self.leveling.setCurrentIndex(max(at, 0))
        self._enable()

    def _enable(self) -> None:
        editable = self.stored is not None and not self.read_only
        for w in (self.kind, self.source, self.target, self.label, self.add_button,
                  self.leveling):
            w.setEnabled(editable)
        self.remove_button.setEnabled(editable and self.flows.currentRow() >= 0)

    def _add(self) -> None:
        if self.stored is None or self.read_only:
            return
        flow = InfoFlow(self.kind.currentData(), str(self.source.currentData()),
                        str(self.target.currentData()), self.label.text())
        self.command.emit(AddInfoFlow(self.stored.map_id, flow))
        self.label.clear()

    def _remove(self) -> None:
        row = self.flows.currentRow()
        if self.stored is None or self.read_only or row < 0:
            return
        self.command.emit(RemoveInfoFlow(self.stored.map_id, row))

    def _place(self) -> None:
        if self.stored is None or self.read_only:
            return
        at = self.leveling.currentData()
        if at != self.stored.stream.information.leveling_at:
            self.command.emit(PlaceLevelingBox(self.stored.map_id, at))
