"""The glossary window: the eight tests for special causes and every index, from core's
``opsdesk.core.glossary``, searchable, one term shown with its definition and formula.

One per main window (``MainWindow.show_glossary``), not modal, so it stays beside the chart
it explains. Charts, the scorecard's ⚑ flags and the capability indices open it at a term
(``show_term``); their tooltips name the terms (``widgets/glossary_tips``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core.glossary import CAPABILITY, MSA, TESTS, Term, term

GROUPS: tuple[tuple[str, tuple[Term, ...]], ...] = (
    ("Tests for special causes", TESTS),
    ("Capability", CAPABILITY),
    ("Measurement systems", MSA),
)
KEY_ROLE = Qt.ItemDataRole.UserRole


def show_glossary(window: QWidget, key: str | None = None) -> GlossaryDialog:
    """``window``'s one glossary (made when first asked for), shown and raised; at ``key``
    when given, else where it was left."""
    glossary = window.findChild(GlossaryDialog)
    if glossary is None:
        glossary = GlossaryDialog(window)
    if key is not None:
        glossary.show_term(key)
    glossary.show()
    glossary.raise_()
    glossary.activateWindow()
    return glossary


def _matches(t: Term, words: list[str]) -> bool:
    hay = f"{t.key} {t.name} {t.definition} {t.formula}".casefold()
    return all(w in hay for w in words)


class GlossaryDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Glossary")
        self.setModal(False)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search the glossary")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.terms = QTreeWidget()
        self.terms.setHeaderHidden(True)
        self.terms.setRootIsDecorated(False)
        self.terms.setUniformRowHeights(True)
        self.items: dict[str, QTreeWidgetItem] = {}
        self.groups: list[QTreeWidgetItem] = []
        self._group_of: dict[str, int] = {}  # a term's group, by index in ``groups``
        bold = QFont(self.terms.font())
        bold.setBold(True)
        for title, terms in GROUPS:
            group = QTreeWidgetItem(self.terms, [title])
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: not selectable
            group.setFont(0, bold)
            for t in terms:
                item = QTreeWidgetItem(group, [t.name])
                item.setData(0, KEY_ROLE, t.key)
                item.setToolTip(0, t.name)
                self.items[t.key] = item
                self._group_of[t.key] = len(self.groups)
            self.groups.append(group)
        self.terms.expandAll()
        self.terms.currentItemChanged.connect(lambda item, _old: self._show(item))
        self.none_found = QLabel("No term matches the search.")
        self.none_found.setObjectName("hint")
        self.none_found.hide()

        self.name = QLabel()
        self.name.setObjectName("heading")
        self.definition = QLabel()
        self.formula_caption = QLabel("Formula")
        self.formula_caption.setObjectName("secondary")
        self.formula = QLabel()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(max(self.font().pointSizeF(), 1.0) * 1.1)
        self.formula.setFont(mono)
        for label in (self.name, self.definition, self.formula):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(12, 8, 12, 8)
        detail_layout.addWidget(self.name)
        detail_layout.addWidget(self.definition)
        detail_layout.addSpacing(8)
        detail_layout.addWidget(self.formula_caption)
        detail_layout.addWidget(self.formula)
        detail_layout.addStretch(1)
        scroll = QScrollArea()  # a long definition at a large zoom scrolls, never clips
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(detail)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.search)
        side_layout.addWidget(self.terms, 1)
        side_layout.addWidget(self.none_found)
        split = QSplitter()
        split.addWidget(side)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        split.setSizes([320, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.activated.connect(self.search.setFocus)
        self.resize(860, 540)
        self.show_term(TESTS[0].key)

    # -- public -------------------------------------------------------------------
    def current_key(self) -> str | None:
        item = self.terms.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        return str(key) if key else None

    def show_term(self, key: str) -> None:
        """Select ``key`` (``test-2``, ``cpk``) and scroll to it; a search that hides it
        is cleared."""
        item = self.items[key]
        if item.isHidden():
            self.search.clear()
        self.terms.setCurrentItem(item)
        self.terms.scrollToItem(item, QTreeWidget.ScrollHint.PositionAtCenter)

    # -- inside -------------------------------------------------------------------
    def _show(self, item: QTreeWidgetItem | None) -> None:
        key = item.data(0, KEY_ROLE) if item is not None else None
        if not key:
            for label in (self.name, self.definition, self.formula):
                label.clear()
            self.formula_caption.hide()
            return
        t = term(str(key))
        self.name.setText(t.name)
        self.definition.setText(t.definition)
        self.formula.setText(t.formula)
        self.formula_caption.show()

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first: QTreeWidgetItem | None = None
        shown: dict[int, int] = {}  # per group, how many of its terms match
        for key, item in self.items.items():
            keep = _matches(term(key), words)
            item.setHidden(not keep)
            group = self._group_of[key]
            shown[group] = shown.get(group, 0) + keep
            if keep and first is None:
                first = item
        for index, group_item in enumerate(self.groups):
            group_item.setHidden(not shown.get(index))
        self.none_found.setVisible(first is None)
        current = self.terms.currentItem()
        if current is None or current.isHidden():
            self.terms.setCurrentItem(first)  # type: ignore[arg-type]  # None: no selection
            if first is None:
                self._show(None)
