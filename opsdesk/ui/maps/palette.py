"""The palette and tools above the canvas: shapes to add, lanes, overlays, zoom."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QFrame, QMenu, QPushButton, QToolButton, QWidget

from opsdesk.core.maps.model import NodeKind
from opsdesk.ui.maps.look import Overlays
from opsdesk.ui.widgets.flow_layout import FlowLayout

# (kind, button text, what it is): the BPMN-lite kinds a facilitator reaches for.
KINDS: tuple[tuple[NodeKind, str, str], ...] = (
    ("start", "Start", "Start event"), ("task", "Task", "Task"),
    ("exclusive", "Decision", "Exclusive gateway (one way out)"),
    ("parallel", "Parallel", "Parallel gateway (every way out)"),
    ("inclusive", "Inclusive", "Inclusive gateway (some ways out)"),
    ("subprocess", "Sub-process", "Collapsed sub-process"),
    ("intermediate", "Event", "Intermediate event"), ("wait", "Wait", "Wait or delay"),
    ("end", "End", "End event"), ("data", "Data", "Document or data"),
    ("annotation", "Note", "Text annotation"),
)
MORE = frozenset({"inclusive", "subprocess", "intermediate"})  # in the "More" menu
ALIGN = (("left", "Align left"), ("centre", "Align centres"), ("right", "Align right"),
         ("top", "Align tops"), ("middle", "Align middles"), ("bottom", "Align bottoms"),
         ("across", "Distribute across"), ("down", "Distribute down"))


class Palette(QWidget):
    """Tool buttons in rows that wrap when the canvas is narrow (a projector, zoomed in)."""

    kind_armed = Signal(object)  # a NodeKind to place with the next click, or None
    overlays_changed = Signal(object)  # Overlays

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapPalette")
        self.flow = FlowLayout(self, spacing=2)
        self.flow.setContentsMargins(0, 0, 0, 2)
        self.kind_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        group.setExclusionPolicy(QActionGroup.ExclusionPolicy.ExclusiveOptional)
        more = QMenu(self)
        for kind, text, tip in KINDS:
            action = more.addAction(text) if kind in MORE else self._button(text)
            action.setCheckable(True)
            action.setToolTip(f"{tip}: click, then click on the map to place it (connected "
                              "from the selected step)")
            action.setActionGroup(group)
            action.toggled.connect(lambda on, k=kind: self._armed(k, on))
            self.kind_actions[kind] = action
        self._menu_button("More", more)
        self._separator()
        self.add_lane = self._button("Add lane")
        self.layout_action = self._button("Tidy up")
        self.layout_action.setToolTip("Lay the map out again in layers, lane by lane")
        self.arrange_menu = QMenu(self)
        self.arrange_actions = {how: self.arrange_menu.addAction(text) for how, text in ALIGN}
        self._menu_button("Arrange", self.arrange_menu)
        self._separator()
        self.overlay_menu = QMenu(self)
        self.overlay_actions: dict[str, QAction] = {}
        for key, text in (("value_class", "Value class colours"), ("heat", "Wait-time heat"),
                          ("critical", "Critical path"), ("handoffs", "Handoffs")):
            action = self.overlay_menu.addAction(text)
            action.setCheckable(True)
            action.toggled.connect(lambda _on: self.overlays_changed.emit(self.overlays()))
            self.overlay_actions[key] = action
        self._menu_button("Overlays", self.overlay_menu)
        self._separator()
        self.zoom_out = self._button("−")
        self.zoom_out.setToolTip("Zoom out (Ctrl+wheel)")
        self.zoom_in = self._button("+")
        self.zoom_in.setToolTip("Zoom in (Ctrl+wheel)")
        self.fit = self._button("Fit")
        self.fit.setToolTip("The whole map in view")
        self.present = self._button("Present")
        self.present.setToolTip("Full screen, large type, no chrome (Esc leaves)")

    def _button(self, text: str) -> QAction:
        """A tool button for a new action, at the end of the rows."""
        action = QAction(text, self)
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setAutoRaise(True)
        self.flow.addWidget(button)
        return action

    def _separator(self) -> None:
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        self.flow.addWidget(line)

    def _menu_button(self, text: str, menu: QMenu) -> QPushButton:
        # a push button sizes itself for its menu arrow (a tool button draws it over the text)
        button = QPushButton(text, self)
        button.setFlat(True)
        button.setMenu(menu)
        self.flow.addWidget(button)
        return button

    def _armed(self, kind: NodeKind, on: bool) -> None:
        if on:
            self.kind_armed.emit(kind)
        elif not any(a.isChecked() for a in self.kind_actions.values()):
            self.kind_armed.emit(None)

    def disarm(self) -> None:
        for action in self.kind_actions.values():
            action.setChecked(False)

    def overlays(self) -> Overlays:
        on = {key: a.isChecked() for key, a in self.overlay_actions.items()}
        return Overlays(**on)

    def set_overlays(self, overlays: Overlays) -> None:
        for key, action in self.overlay_actions.items():
            action.setChecked(bool(getattr(overlays, key)))
