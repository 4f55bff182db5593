"""The project's phase and the gate it must pass to leave it: the phases in order with
the current one marked, the gate's checklist as boxes to tick, "Next phase" (enabled only
when the checklist is complete, as core's ``phase_moves.move`` requires) and "Back", which
the page asks a reason for; below, the moves made so far."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.improve.methodology import DONE, methodology
from opsdesk.core.improve.project import Project


def _label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class GatePanel(QGroupBox):
    tick_requested = Signal(str, str, bool)   # phase, item id, ticked
    next_requested = Signal(str)              # the phase to move to
    back_requested = Signal(str)              # the phase to move back to

    def __init__(self) -> None:
        super().__init__("Phase and gate")
        self.project: Project | None = None
        self.phases = _label("")
        self.purpose = _label("", "secondary")
        self.items_box = QWidget()
        self.items = QVBoxLayout(self.items_box)
        self.items.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        self.state = _label("", "secondary")
        self.next_button = QPushButton("Next phase")
        self.back_button = QPushButton("Back…")
        self.back_button.setToolTip("Move the project back one phase, with a reason")
        self.history = _label("", "secondary")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        for w in (self.phases, self.purpose, self.items_box, self.state):
            layout.addWidget(w)
        layout.addLayout(buttons)
        layout.addWidget(self.history)
        self.next_button.clicked.connect(self._next)
        self.back_button.clicked.connect(self._back)

    def _names(self) -> tuple[str, ...]:
        assert self.project is not None
        return (*methodology(self.project.methodology).phase_names, DONE)

    def _next(self) -> None:
        if self.project is not None:
            names = self._names()
            self.next_requested.emit(names[names.index(self.project.phase) + 1])

    def _back(self) -> None:
        if self.project is not None:
            names = self._names()
            self.back_requested.emit(names[names.index(self.project.phase) - 1])

    def show_project(self, p: Project, read_only: bool) -> None:
        self.project = p
        method = methodology(p.methodology)
        names = self._names()
        here = names.index(p.phase)
        self.phases.setText(" → ".join(f"[{n}]" if i == here else n
                                       for i, n in enumerate(names)))
        self.phases.setToolTip(f"{method.name}: {method.description}")
        for box in self.boxes.values():
            box.deleteLater()
        self.boxes = {}
        if p.phase == DONE:
            self.purpose.setText("Every gate is passed: the project is done. Back reopens "
                                 "it in its last phase, with a reason.")
            self.state.setText("")
            self.next_button.setText("Next phase")
            self.next_button.setEnabled(False)
        else:
            phase = method.phase(p.phase)
            ticked = p.ticked_in(phase.name)
            self.purpose.setText(f"{phase.name}: {phase.purpose} To pass its gate, tick "
                                 "what is true:")
            for item in phase.gate:
                box = QCheckBox(item.text)
                box.setObjectName(item.id)
                box.setChecked(item.id in ticked)
                box.setEnabled(not read_only)
                box.clicked.connect(lambda on, i=item.id, ph=phase.name:
                                    self.tick_requested.emit(ph, i, on))
                self.items.addWidget(box)
                self.boxes[item.id] = box
            open_items = len(method.missing(phase.name, ticked))
            self.state.setText("The gate is met." if not open_items else
                               f"{len(phase.gate) - open_items} of {len(phase.gate)} ticked: "
                               f"{open_items} to go before {names[here + 1]}.")
            self.next_button.setText(f"Next phase: {names[here + 1]}")
            self.next_button.setEnabled(not open_items and not read_only)
        self.back_button.setEnabled(here > 0 and not read_only)
        moves = [t.sentence() + f" ({t.at:%Y-%m-%d})" for t in reversed(p.history[-5:])]
        self.history.setText("\n".join(moves) if moves else
                             "No gate passed yet: the moves through the gates are listed "
                             "here, each one in the audit trail too.")
