"""Charts leave the app: copy, export and print the ChartSpec a ChartView shows.

Every file and image is core's drawing of the spec (``core/report/chart_file``), the one
``opsdesk spc --out`` writes and the PDF review draws, made in the pool so the window
keeps painting:

- Copy: the PNG on the clipboard as an image (pastes into PowerPoint, Word and Excel);
  Ctrl+C while the chart has the focus, so a table keeps its own Ctrl+C;
- Export as PNG, SVG or PDF: a file chosen through ``ask.save_file``;
- Print: the print dialog (``ask.print_setup``), then the chart drawn at the printer's
  resolution, as large as fits the page.

The menu also opens the glossary: "Glossary…", and on a chart whose points fail tests,
"What do tests 1, 5 mean?" at the first of them (``MainWindow.show_glossary``).

Each ChartView has these on its right-click menu (``attach``); the main window's Edit
menu gives them for the chart of the page shown (``shown_chart``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence, QPageLayout, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from opsdesk.core.report.chart_file import FORMATS, chart_size
from opsdesk.core.task_state import TaskState
from opsdesk.ui import ask

if TYPE_CHECKING:
    from opsdesk.core.charts import ChartSpec
    from opsdesk.ui.app_context import AppContext
    from opsdesk.ui.widgets.chart_view import ChartView

KINDS = {"png": "PNG image", "svg": "SVG drawing", "pdf": "PDF document"}
COPY_DPI = 144   # 1280 x 800 pixels at the default size: sharp on a slide
PRINT_DPI = 300  # a laser printer's resolution
ALL_KINDS = ";;".join(f"{KINDS[k]} (*.{k})" for k in FORMATS)


def attach(view: ChartView) -> None:
    """The right-click menu and Ctrl+C (while the chart has the focus) on ``view``."""
    view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.customContextMenuRequested.connect(
        lambda pos: _menu_at(view, view.mapToGlobal(pos)))
    view.graphics.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    view.graphics.customContextMenuRequested.connect(
        lambda pos: _menu_at(view, view.graphics.mapToGlobal(pos)))
    view.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
    copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), view)
    copy.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    copy.activated.connect(lambda: _with_context(view, copy_chart))


def chart_menu(view: ChartView) -> QMenu:
    """Copy, Export as PNG/SVG/PDF and Print for the chart ``view`` shows."""
    menu = QMenu(view)
    menu.addAction("Copy Chart", lambda: _with_context(view, copy_chart)).setShortcut(
        QKeySequence(QKeySequence.StandardKey.Copy))
    menu.addSeparator()
    for kind in FORMATS:
        menu.addAction(f"Export as {kind.upper()}…", _exporter(view, kind))
    menu.addSeparator()
    menu.addAction("Print Chart…", lambda: _with_context(view, print_chart))
    menu.addSeparator()
    menu.addAction("Glossary…", lambda: _glossary(view, None))
    tests = flagged_tests(view.spec)
    if tests:
        numbers = ", ".join(map(str, tests))
        ask_what = (f"What does test {numbers} mean?" if len(tests) == 1
                    else f"What do tests {numbers} mean?")
        menu.addAction(ask_what,
                       lambda: _glossary(view, f"test-{tests[0]}"))
    return menu


def flagged_tests(spec: ChartSpec | None) -> list[int]:
    """The numbers of the tests the chart's marked points fail (its legend of tests)."""
    if spec is None:
        return []
    return sorted({int(k) for k, _meaning in spec.keys if k.isdigit()})


def _glossary(view: ChartView, key: str | None) -> None:
    ctx = context_of(view)
    window = ctx.main_window if ctx is not None else None
    if window is not None and hasattr(window, "show_glossary"):
        window.show_glossary(key)


def _exporter(view: ChartView, kind: str) -> Callable[[], None]:
    def export() -> None:
        ctx = context_of(view)
        if ctx is not None and view.spec is not None:
            export_chart(ctx, view, kind)

    return export


def _menu_at(view: ChartView, where: QPoint) -> None:
    if view.spec is not None and context_of(view) is not None:
        menu = chart_menu(view)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(where)


def context_of(widget: QWidget) -> AppContext | None:
    """The app's context of the window ``widget`` is in (None outside a main window)."""
    from opsdesk.ui.app_context import AppContext

    ctx = getattr(widget.window(), "ctx", None)
    return ctx if isinstance(ctx, AppContext) else None


def _with_context(view: ChartView, act: Callable[[AppContext, ChartView], None]) -> None:
    ctx = context_of(view)
    if ctx is not None and view.spec is not None:
        act(ctx, view)


def shown_chart(page: QWidget | None) -> ChartView | None:
    """The chart ``page`` shows: the one with the focus, else the first on screen (top
    left first)."""
    from opsdesk.ui.widgets.chart_view import ChartView

    if page is None:
        return None
    charts = [c for c in page.findChildren(ChartView)
              if c.spec is not None and c.isVisibleTo(page)]

    def place(chart: ChartView) -> tuple[int, int]:  # reading order: top, then left
        where = chart.mapTo(page, QPoint(0, 0))
        return where.y(), where.x()

    charts.sort(key=place)
    focus = QGuiApplication.focusObject()
    for chart in charts:
        if isinstance(focus, QWidget) and (focus is chart or chart.isAncestorOf(focus)):
            return chart
    return charts[0] if charts else None


# -- the three ways out ------------------------------------------------------------------
def copy_chart(ctx: AppContext, view: ChartView) -> None:
    """The chart on the clipboard as a PNG image."""
    spec = view.spec
    assert spec is not None

    def work(task: TaskState) -> bytes:
        return _png(spec, COPY_DPI)

    def done(png: bytes) -> None:
        # As an image, which Qt offers to other programs as PNG and as a bitmap (a
        # QMimeData made here instead crashes PySide6 at exit).
        QGuiApplication.clipboard().setImage(QImage.fromData(png))
        _tell(ctx, f"Copied the chart {spec.title!r} as an image.")

    ctx.worker.run(work, title="Copying the chart", on_done=done,
                   on_error=lambda error: ctx.report_error(error, "copying the chart"))


def export_chart(ctx: AppContext, view: ChartView, kind: str | None = None) -> None:
    """Ask for a file (of ``kind``, else any of the three) and write the chart to it."""
    spec = view.spec
    assert spec is not None
    default = kind or "png"
    folder = ctx.workspace.path.parent if ctx.workspace is not None else Path.home()
    what = f"a {KINDS[kind]}" if kind else "an image"
    path = ask.save_file(view, f"Export the chart as {what}",
                         folder / f"{file_stem(spec.title)}.{default}",
                         f"{KINDS[kind]} (*.{kind})" if kind else ALL_KINDS)
    if path is None:
        return
    if not path.suffix:
        path = path.with_name(f"{path.name}.{default}")
    elif kind and path.suffix.lower() != f".{kind}":
        path = path.with_name(f"{path.name}.{kind}")

    def work(task: TaskState) -> None:
        from opsdesk.core.report.chart_file import write_chart

        write_chart(spec, path)

    ctx.worker.run(work, title=f"Exporting {path.name}",
                   on_done=lambda _none: _tell(ctx, f"Exported the chart to {path}."),
                   on_error=lambda error: ctx.report_error(error, f"exporting {path.name}"))


def print_chart(ctx: AppContext, view: ChartView) -> None:
    """The print dialog, then the chart as large as fits the page."""
    from PySide6.QtPrintSupport import QPrinter

    spec = view.spec
    assert spec is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(spec.title or "Chart")
    printer.setPageOrientation(QPageLayout.Orientation.Landscape)  # as the chart is drawn
    if not ask.print_setup(view, printer):
        return

    # Freed once printed: a QPrinter left to Python's collector can outlive the
    # application and crash it at exit.
    held = [printer]
    del printer

    def work(task: TaskState) -> bytes:
        return _png(spec, PRINT_DPI)

    def done(png: bytes) -> None:
        paint_on(held.pop(), QImage.fromData(png))
        _tell(ctx, f"Sent the chart {spec.title!r} to the printer.")

    ctx.worker.run(work, title="Printing the chart", on_done=done,
                   on_error=lambda error: ctx.report_error(error, "printing the chart"))


def paint_on(printer: object, image: QImage) -> None:
    """``image`` on one page of ``printer``, scaled to fit with its proportions kept."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter

    painter = QPainter(printer)  # type: ignore[call-overload]
    try:
        page = QRectF(painter.viewport())
        scale = min(page.width() / image.width(), page.height() / image.height())
        width, height = image.width() * scale, image.height() * scale
        painter.setWindow(painter.viewport())
        painter.drawImage(QRectF(page.x(), page.y(), width, height), image)
    finally:
        painter.end()


def _png(spec: ChartSpec, dpi: int) -> bytes:
    from opsdesk.core.report.chart_file import chart_bytes

    return chart_bytes(spec, "png", *chart_size(spec), dpi=dpi)


def file_stem(title: str) -> str:
    """A file name from a chart's title: characters no file system takes left out."""
    stem = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip(" .")
    return re.sub(r"\s+", " ", stem)[:80] or "chart"


def _tell(ctx: AppContext, message: str) -> None:
    window = ctx.main_window
    if window is not None and hasattr(window, "statusBar"):
        window.statusBar().showMessage(message, 8000)
