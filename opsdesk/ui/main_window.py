"""The main window: navigation, pages, menus, title and status bar.

Start-up: the app shows the window first (its frame, menus and navigation, and "Opening
<workspace>…" where the page goes) and opens the workspace and builds the first page right
after that first paint (``open_when_shown``). So this module loads only the window's own
code: the workspace code, the pages and what they use load after the paint.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.core import paths
from opsdesk.ui.app_context import AppContext
from opsdesk.ui.pages import PAGES
from opsdesk.ui.shortcut_keys import STANDARD, bind
from opsdesk.ui.style import RAIL_WIDTH
from opsdesk.ui.widgets.busy_note import BusyNote
from opsdesk.ui.widgets.elided_label import ElidedLabel
from opsdesk.ui.window_settings import settings, store

if TYPE_CHECKING:  # each Qt class loads when first named (some 0.3 ms): not at start-up
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QMenu

    from opsdesk.core.workspace import Changes, Workspace
    from opsdesk.ui.glossary_dialog import GlossaryDialog
    from opsdesk.ui.pages.base import Page

__all__ = ["MainWindow", "settings"]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".tsv", ".txt"}


class MainWindow(QMainWindow):
    page_ready = Signal(object)  # a page was built and filled for the first time
    first_painted = Signal()  # right after the window's first paint, before the workspace

    def __init__(self, *, remember: bool = True) -> None:
        """``remember=False`` (offscreen renders) leaves the user's recent files and
        window size as they were."""
        super().__init__()
        self.remember = remember
        self.ctx = AppContext(self)
        self._pages: dict[int, Page] = {}
        self._stale: set[int] = set()
        self._no_workspace: QWidget | None = None
        # Pages are built after the window's first paint, so it appears at once.
        self._painted = False
        self._closed = False
        self._pending_open: Callable[[], object] | None = None  # see open_when_shown
        self.setAcceptDrops(True)
        self.setMinimumSize(900, 600)

        self.navigation = QListWidget()
        self.navigation.setViewport(_viewport())
        self.navigation.setObjectName("navigation")
        for _key, title, _target in PAGES:
            self.navigation.addItem(title)
        self.stack = QStackedWidget()
        for _ in PAGES:
            self.stack.addWidget(QWidget())  # replaced by the real page when first shown
        self.opening = BusyNote()  # "Opening <workspace>…" until it is open
        self.stack.addWidget(self.opening)

        brand = QLabel("opsdesk")
        brand.setObjectName("brand")
        rail = QVBoxLayout()
        rail.setContentsMargins(0, 0, 0, 0)
        rail.setSpacing(0)
        rail.addWidget(brand)
        rail.addWidget(self.navigation)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        self.rail = QWidget()
        self.rail.setLayout(rail)
        self.rail.setFixedWidth(RAIL_WIDTH)
        row.addWidget(self.rail)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.path_label = ElidedLabel()  # a deep path must not widen the window
        self.state_label = QLabel()
        self.state_label.setObjectName("readOnlyBadge")
        self.statusBar().addWidget(self.path_label, 1)
        self.statusBar().addPermanentWidget(self.state_label)

        self._build_menus()
        self.navigation.currentRowChanged.connect(self._show_page)
        self.ctx.workspace_changed.connect(self._on_changed)
        self.ctx.workspace_replaced.connect(self._on_replaced)
        geometry = settings().value("geometry") if remember else None
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        self.view_controls.restore()
        self._on_replaced()

    # -- menus ---------------------------------------------------------------------
    def _build_menus(self) -> None:
        # Shortcuts are set after the first paint: binding them loads ~100 Qt enums (40 ms).
        # Until then they are text (``key_sequence``): even naming QKeySequence and its
        # standard keys costs some 5 ms before the paint.
        self._shortcuts: list[tuple[QAction, tuple[str, ...]]] = []
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&New Workspace…", lambda: _file_actions().new_workspace(self),
                     f"{STANDARD}New")
        self._action(file_menu, "&Open…", lambda: _file_actions().choose_and_open(self),
                     f"{STANDARD}Open")
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.import_actions: list[QAction] = [
            self._action(file_menu, "&Import…", lambda: _file_actions().import_file(self, None)),
            self._action(file_menu, "Import&s…", self.show_imports),
            self._action(file_menu, "&Export Observations…", self.export_observations),
        ]
        file_menu.addSeparator()
        self.save_copy_action = self._action(
            file_menu, "Save a &Copy As…", lambda: _file_actions().save_copy_as(self),
            f"{STANDARD}SaveAs",
        )
        self.close_action = self._action(
            file_menu, "&Close Workspace", self.close_workspace, f"{STANDARD}Close"
        )
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, f"{STANDARD}Quit")
        self.file_menu = file_menu

        edit_menu = self.menuBar().addMenu("&Edit")
        self.undo_action = self.ctx.undo_stack.createUndoAction(self, "&Undo")
        self.redo_action = self.ctx.undo_stack.createRedoAction(self, "&Redo")
        self._shortcuts.append((self.undo_action, (f"{STANDARD}Undo",)))
        self._shortcuts.append((self.redo_action, (f"{STANDARD}Redo", "Ctrl+Y")))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        # Ctrl+C stays the tables' and the map's: on a chart it copies the chart (its own
        # shortcut, while it has the focus); from here it is Ctrl+Shift+C.
        self.chart_actions = [
            self._action(edit_menu, "Copy C&hart", lambda: self._on_chart("copy"),
                         "Ctrl+Shift+C"),
            self._action(edit_menu, "E&xport Chart…", lambda: self._on_chart("export")),
            self._action(edit_menu, "&Print Chart…", lambda: self._on_chart("print"),
                         f"{STANDARD}Print"),
        ]
        edit_menu.aboutToShow.connect(self._enable_chart_actions)
        self.edit_menu = edit_menu

        view_menu = self.menuBar().addMenu("&View")
        for index, (_key, title, _target) in enumerate(PAGES):
            self._action(
                view_menu,
                title,
                lambda _=False, i=index: self.navigation.setCurrentRow(i),
                f"Ctrl+{index + 1}",
            )
        from opsdesk.ui.view_controls import ViewControls

        self.view_controls = ViewControls(self, view_menu)

        help_menu = self.menuBar().addMenu("&Help")
        # F1, not the platform's HelpContents key (Ctrl+? on macOS): the same everywhere
        self.glossary_action = self._action(
            help_menu, "&Glossary", lambda: self.show_glossary(), "F1")
        help_menu.addSeparator()
        self._action(help_menu, "&About opsdesk", self.show_about)
        self.help_menu = help_menu

    def _install_shortcuts(self) -> None:
        bind(self._shortcuts)
        self._shortcuts.clear()

    def _enable_chart_actions(self) -> None:
        from opsdesk.ui.widgets.chart_actions import shown_chart

        shown = shown_chart(self.current_page())
        for action in self.chart_actions:
            action.setEnabled(shown is not None)

    def _on_chart(self, what: str) -> None:
        """Copy, export or print the chart of the page shown (nothing when it has none)."""
        from opsdesk.ui.widgets import chart_actions

        view = chart_actions.shown_chart(self.current_page())
        if view is None:
            self.statusBar().showMessage("This page shows no chart.", 4000)
            return
        act = {"copy": chart_actions.copy_chart, "export": chart_actions.export_chart,
               "print": chart_actions.print_chart}[what]
        act(self.ctx, view)

    def export_observations(self) -> None:
        from opsdesk.ui.import_wizard import export_observations

        export_observations(self.ctx)

    def show_imports(self) -> None:
        from opsdesk.ui.import_wizard import open_imports_dialog

        open_imports_dialog(self.ctx)

    def show_glossary(self, key: str | None = None) -> GlossaryDialog:
        """The window's one glossary, at ``key`` (``test-5``, ``cpk``) when given."""
        from opsdesk.ui.glossary_dialog import show_glossary

        return show_glossary(self, key)

    def show_about(self) -> None:
        from opsdesk.ui import about

        about.show_about(self)

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[..., object],
        *keys: str,
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            self._shortcuts.append((action, keys))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _fill_recent_menu(self) -> None:
        from opsdesk.core import recent_files
        from opsdesk.ui.widgets import plain_text

        self.recent_menu.clear()
        items = recent_files.load()
        if not items:
            self.recent_menu.addAction("No recent workspaces").setEnabled(False)
        for path in items:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(plain_text.tip(str(path)))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))

    # -- workspace -----------------------------------------------------------------
    def open_path(
        self, path: Path, *, create: bool = False, password: Callable[[], str] | None = None
    ) -> bool:
        """Open ``path`` now (its questions and errors in dialogs); False if not opened."""
        from opsdesk.ui.open_workspace import open_workspace

        _guard_labels()  # its dialogs may come before the first paint
        workspace = open_workspace(self, path, self.ctx.worker, create=create, password=password)
        if workspace is None:
            return False
        self.set_workspace(workspace)
        return True

    def open_when_shown(
        self, path: Path, *, create: bool = False, password: Callable[[], str] | None = None
    ) -> None:
        """Start-up: say "Opening <name>…" where the page goes, and open ``path`` (as
        ``open_path``) right after the window's first paint."""
        self.opening.setText(f"Opening {path.name}…")
        self.stack.setCurrentWidget(self.opening)
        self.path_label.setText("")
        self._pending_open = lambda: self.open_path(path, create=create, password=password)

    def set_workspace(self, workspace: Workspace | None) -> None:
        self.ctx.set_workspace(workspace)
        if workspace is not None and self.remember:
            from opsdesk.core import recent_files

            recent_files.add(workspace.path)

    def close_workspace(self) -> None:
        self.set_workspace(None)

    def _on_replaced(self) -> None:
        workspace = self.ctx.workspace
        has = workspace is not None
        self.navigation.setEnabled(has)
        self.save_copy_action.setEnabled(has)
        self.close_action.setEnabled(has)
        for action in self.import_actions:
            action.setEnabled(has and not workspace.read_only)  # type: ignore[union-attr]
        self._stale = set(self._pages)
        if workspace is None:
            self.setWindowTitle("opsdesk")
            self.path_label.setText("No workspace open")
            self.state_label.hide()
            if self._painted and not self._closed:  # before, _after_first_paint shows it
                self.stack.setCurrentWidget(self.no_workspace)
            return
        name = workspace.path.name
        suffix = " (read-only)" if workspace.read_only else ""
        self.setWindowTitle(f"{name}{suffix} — opsdesk")
        encrypted = "  ·  encrypted" if workspace.key else ""
        self.path_label.setText(f"{workspace.path}{encrypted}")
        self.state_label.setVisible(workspace.read_only)
        self.state_label.setText(f"Read-only: {workspace.read_only_reason}")
        row = max(self.navigation.currentRow(), 0)
        self.navigation.setCurrentRow(row)
        self._show_page(row)

    def _on_changed(self, changes: Changes) -> None:
        current = self.navigation.currentRow()
        for index, page in self._pages.items():
            if index == current:
                self._refresh(page, changes)
            else:
                self._stale.add(index)

    @property
    def no_workspace(self) -> QWidget:
        if self._no_workspace is None:
            from opsdesk.ui.pages.no_workspace import NoWorkspacePage

            self._no_workspace = NoWorkspacePage(self)
            self.stack.addWidget(self._no_workspace)
        return self._no_workspace

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.navigation.viewport().removeEventFilter(self)
            QTimer.singleShot(0, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        if self._closed:  # closed at once (the start-up benchmark quits on the paint)
            return
        self.first_painted.emit()
        self._install_shortcuts()
        _guard_labels()
        pending, self._pending_open = self._pending_open, None
        if pending is not None:
            pending()  # opens it (or says why not) and shows its first page
        if self.ctx.workspace is None:
            self.stack.setCurrentWidget(self.no_workspace)
        else:
            self._show_page(self.navigation.currentRow())

    def showEvent(self, event: QEvent) -> None:
        self._closed = False
        if not self._painted:
            self.navigation.viewport().installEventFilter(self)
        super().showEvent(event)  # type: ignore[arg-type]

    # -- pages ---------------------------------------------------------------------
    def page(self, index: int) -> Page:
        """The page at ``index``, built on first use."""
        if index not in self._pages:
            key, title, target = PAGES[index]
            module_name, class_name = target.split(":")
            page_class = getattr(importlib.import_module(module_name), class_name)
            page: Page = page_class(self.ctx)
            page.key, page.title = key, title
            configure = getattr(page, "configure", None)  # the coming-soon panel
            if configure is not None:
                configure(key, title)
            from opsdesk.ui.widgets.page_scroll import PageScroll

            placeholder = self.stack.widget(index)
            self.stack.insertWidget(index, PageScroll(page))
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self._pages[index] = page
            self._stale.add(index)
        return self._pages[index]

    def current_page(self) -> QWidget | None:
        """The page shown (the no-workspace page when none is open)."""
        from opsdesk.ui.widgets.page_scroll import PageScroll

        shown = self.stack.currentWidget()
        return shown.widget() if isinstance(shown, PageScroll) else shown

    def _show_page(self, index: int) -> None:
        if index < 0 or self.ctx.workspace is None or not self._painted:
            return
        first_time = index not in self._pages
        page = self.page(index)
        self.stack.setCurrentIndex(index)
        if index in self._stale:
            self._stale.discard(index)
            self._refresh(page, None)
        if first_time:
            self.page_ready.emit(page)

    def _refresh(self, page: Page, changes: Changes | None) -> None:
        """A page reads the workspace: a file that fails it (damaged) is said in one
        sentence, and a damaged one then takes no more writes (``AppContext``)."""
        try:
            page.refresh(changes)
        except Exception as error:
            self.ctx.report_error(error, "showing the page")

    def show_page_by_key(self, key: str) -> Page:
        """Show the page now (built and filled), whether or not the window has painted."""
        index = next(i for i, entry in enumerate(PAGES) if entry[0] == key)
        if not self._painted:
            self._painted = True
            self._install_shortcuts()
            _guard_labels()
        self.navigation.setCurrentRow(index)
        self._show_page(index)
        return self.page(index)

    # -- drag and drop -------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if any(self._droppable(url) for url in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            kind = self._droppable(url)
            if kind == "workspace":
                self.open_path(Path(url.toLocalFile()))
            elif kind == "spreadsheet":
                _file_actions().import_file(self, Path(url.toLocalFile()))
            if kind:
                event.acceptProposedAction()
                return

    def _droppable(self, url: QUrl) -> str:
        if not url.isLocalFile():
            return ""
        suffix = Path(url.toLocalFile()).suffix.lower()
        if suffix == paths.WORKSPACE_SUFFIX:
            return "workspace"
        if suffix in SPREADSHEET_SUFFIXES and self.ctx.workspace is not None:
            return "spreadsheet"
        return ""

    # -- closing -------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        self._pending_open = None
        if self.remember:
            store("geometry", self.saveGeometry())
        if self.ctx.workspace is not None:  # else nothing to close, nothing to redraw
            self.ctx.set_workspace(None)
        event.accept()


def _file_actions() -> ModuleType:
    """The File menu's actions, loaded when first used (not at start-up)."""
    from opsdesk.ui import file_actions

    return file_actions


def _guard_labels() -> None:
    """Labels show user text as plain text (``plain_text``). The guard, an application
    event filter, is installed after the first paint (every event passing through Python
    before it would slow the paint by some 20 ms) or before a dialog that comes earlier;
    the labels made before it are made plain as it is installed."""
    from opsdesk.ui.widgets import plain_text

    plain_text.install(QApplication.instance())  # type: ignore[arg-type]


def _viewport() -> QWidget:
    """The navigation's viewport, made as Qt makes its own (its name, background role and
    fill; a test compares every attribute). Python first meeting a widget Qt made looks
    its class up among all widget classes, which loads some 60 of them (about 10 ms, before
    the first paint, where the window watches this viewport); one made here is known."""
    viewport = QWidget()
    viewport.setObjectName("qt_scrollarea_viewport")
    viewport.setBackgroundRole(QPalette.ColorRole.Base)
    viewport.setAutoFillBackground(True)
    return viewport
