"""The root causes as a Qt tree model: each category a top-level group, its causes below
it nested by parent (core's ``fishbone_of``, so the tree and the diagram show one
structure). Columns: cause, status, evidence. A status reads by its marker and word, not
colour alone; a ruled-out cause is greyed and struck through, as on the diagram.

Editing a cause's text in place does not change the model: ``setData`` emits
``edit_requested(cause id, {"cause": text})`` for the tab to make a command, and the new
text shows when the workspace says it changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from opsdesk.core.improve.fishbone import Cause, Fishbone
from opsdesk.core.improve.root_cause_store import StoredCause, fishbone_of

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
HEADERS = ("Cause", "Status", "Evidence")
CAUSE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
CATEGORY_ROLE = Qt.ItemDataRole.UserRole + 2
# status -> (marker, text colour, background)
LOOK = {"confirmed": ("✔", "#1b5e20", "#d8f0dc"),
        "ruled out": ("✕", "#6b7785", "#eef0f3"),
        "open": ("?", "#7a4f00", None)}


@dataclass(eq=False)
class Node:
    """A category (``cause`` None) or a cause, with its children and where it sits."""

    category: str
    cause: Cause | None = None
    stored: StoredCause | None = None
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    row: int = 0


def status_text(status: str) -> str:
    return f"{LOOK[status][0]} {status}"


class CauseTreeModel(QAbstractItemModel):
    edit_requested = Signal(int, dict)  # (cause id, changes): the tab makes it EditCause

    def __init__(self) -> None:
        super().__init__()
        self.roots: list[Node] = []
        self.editable = True

    # ---- contents ----------------------------------------------------------------

    def set_causes(self, causes: list[StoredCause], editable: bool = True) -> None:
        by_id = {c.id: c for c in causes}
        tree: Fishbone = fishbone_of("", causes)
        self.beginResetModel()
        self.editable = editable
        self.roots = []
        for n, category in enumerate(tree.categories):
            group = Node(category.name, row=n)
            self._add(group, category.causes, by_id)
            self.roots.append(group)
        self.endResetModel()

    def _add(self, parent: Node, causes: tuple[Cause, ...],
             by_id: dict[int, StoredCause]) -> None:
        for n, cause in enumerate(causes):
            node = Node(parent.category, cause, by_id.get(cause.id), parent, row=n)
            parent.children.append(node)
            self._add(node, cause.causes, by_id)

    def node(self, index: Index) -> Node | None:
        return index.internalPointer() if index.isValid() else None

    def index_of(self, cause_id: int) -> QModelIndex:
        """The index (column 0) of the cause ``cause_id``; invalid if it is not shown."""
        def down(nodes: list[Node], parent: QModelIndex) -> QModelIndex:
            for node in nodes:
                here = self.index(node.row, 0, parent)
                if node.cause is not None and node.cause.id == cause_id:
                    return here
                found = down(node.children, here)
                if found.isValid():
                    return found
            return QModelIndex()

        return down(self.roots, QModelIndex())

    # ---- structure ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        siblings = self.roots if not parent.isValid() else self._children(parent)
        if not (0 <= row < len(siblings) and 0 <= column < len(HEADERS)):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def _children(self, parent: Index) -> list[Node]:
        node = self.node(parent)
        return node.children if node is not None else self.roots

    def parent(self, child: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self.node(child)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent)

    def rowCount(self, parent: Index = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children(parent))

    def columnCount(self, parent: Index = ROOT) -> int:
        return len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    # ---- cells -------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        cause, col = node.cause, index.column()
        if role == CATEGORY_ROLE:
            return node.category
        if cause is None:  # a category's row: its name and how many causes it holds
            if role == Qt.ItemDataRole.DisplayRole and col == 0:
                return f"{node.category} ({_count(node)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == CAUSE_ID_ROLE:
            return cause.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return (cause.text, status_text(cause.status), cause.evidence or "—")[col] \
                if role == Qt.ItemDataRole.DisplayRole else cause.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return cause.evidence or f"{cause.text} ({cause.status}; no evidence yet)"
        _marker, ink, fill = LOOK[cause.status]
        if role == Qt.ItemDataRole.ForegroundRole and (col == 1 or cause.status == "ruled out"):
            return QColor(ink)
        if role == Qt.ItemDataRole.BackgroundRole and col == 1 and fill:
            return QColor(fill)
        if role == Qt.ItemDataRole.FontRole and col == 0 and cause.status != "open":
            font = QFont()
            font.setStrikeOut(cause.status == "ruled out")
            font.setBold(cause.status == "confirmed")
            return font
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.editable and node.cause is not None and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or node.cause is None or role != Qt.ItemDataRole.EditRole \
                or index.column() != 0:
            return False
        text = str(value)
        if " ".join(text.split()) != node.cause.text:
            self.edit_requested.emit(node.cause.id, {"cause": text})
        return False  # shown once the workspace says it changed


def _count(node: Node) -> int:
    return sum(1 + _count(child) for child in node.children)
