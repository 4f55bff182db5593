"""Charts leave the app: right-click or Edit menu, Copy / Export PNG, SVG, PDF / Print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.data_page import DataPage
from opsdesk.ui.widgets.chart_view import ChartView

# Tab-separated rows, as Excel copies a range (as in test_data_page).
RANGE = "Day\tDiameter\n2026-03-02\t10\n2026-03-03\t12\n2026-03-04\t11\n2026-03-05\t13\n" \
        "2026-03-06\t12\n"


def settle(window: MainWindow) -> None:
    QApplication.processEvents()
    window.ctx.worker.wait_until_idle()
    QApplication.processEvents()


def charted(window: MainWindow) -> DataPage:
    page = window.show_page_by_key("data")
    assert isinstance(page, DataPage)
    page.paste(RANGE)
    settle(window)
    assert page.chart_view.spec is not None
    return page


MAGIC = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-", "svg": b"<?xml"}  # the formats' specs


def right_click_menu(view: ChartView) -> QMenu:
    """Right-click the plot: the menu that pops up."""
    viewport = view.graphics.viewport()
    where = viewport.rect().center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, where,
                              viewport.mapToGlobal(where))
    QApplication.sendEvent(viewport, event)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def trigger(menu: QMenu, text: str) -> None:
    (action,) = [a for a in menu.actions() if a.text() == text]
    assert action.isEnabled()
    action.trigger()


@pytest.mark.parametrize("kind", ["png", "svg", "pdf"])
def test_right_click_exports_the_shown_chart(window: MainWindow, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch,
                                             kind: str) -> None:
    page = charted(window)
    asked: list[tuple[Path, str]] = []

    def save_file(parent: object, title: str, suggested: Path, filters: str) -> Path:
        asked.append((suggested, filters))
        return tmp_path / "out"  # typed without its suffix: the kind asked for is added

    monkeypatch.setattr(ask, "save_file", save_file)
    menu = right_click_menu(page.chart_view)
    assert [a.text() for a in menu.actions() if a.text()] == [
        "Copy Chart", "Export as PNG…", "Export as SVG…", "Export as PDF…", "Print Chart…",
        "Glossary…"]
    trigger(menu, f"Export as {kind.upper()}…")
    settle(window)
    # suggested beside the workspace, named after the chart
    assert asked[0][0] == tmp_path / f"Diameter.{kind}"
    assert asked[0][1].endswith(f"(*.{kind})")
    data = (tmp_path / f"out.{kind}").read_bytes()
    assert data.startswith(MAGIC[kind])
    if kind == "svg":
        assert "<svg" in data.decode() and ">Diameter<" in data.decode()
    if kind == "png":  # the pasted column's chart, drawn landscape
        image = QImage.fromData(data, "PNG")
        assert not image.isNull() and image.width() > image.height()


def test_ctrl_c_on_the_chart_copies_it_and_the_table_keeps_its_own(
        window: MainWindow) -> None:
    page = charted(window)
    clipboard = QApplication.clipboard()
    clipboard.setText("before")
    viewport = page.chart_view.graphics.viewport()
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=viewport.rect().center())
    focus = QApplication.focusWidget()
    assert focus is not None and page.chart_view.isAncestorOf(focus)
    QTest.keyClick(focus, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert clipboard.mimeData().hasImage()
    image = clipboard.image()
    assert not image.isNull() and image.width() > image.height()
    # In the grid Ctrl+C is still the cell's text: row 1 of the pasted Diameter column.
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    QTest.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    settle(window)
    assert clipboard.text() == "10"


def test_edit_menu_acts_on_the_page_chart_and_is_off_without_one(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = window.show_page_by_key("data")
    window.edit_menu.aboutToShow.emit()
    assert [a.isEnabled() for a in window.chart_actions] == [False, False, False]
    page = charted(window)
    window.edit_menu.aboutToShow.emit()
    assert [a.text() for a in window.chart_actions] == [
        "Copy C&hart", "E&xport Chart…", "&Print Chart…"]
    assert all(a.isEnabled() for a in window.chart_actions)

    monkeypatch.setattr(ask, "save_file", lambda *a: tmp_path / "trend.pdf")
    window.chart_actions[1].trigger()
    settle(window)
    assert (tmp_path / "trend.pdf").read_bytes().startswith(MAGIC["pdf"])

    printed = tmp_path / "printed.pdf"

    def print_setup(parent: object, printer: Any) -> bool:  # "Print to file" chosen
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    monkeypatch.setattr(ask, "print_setup", print_setup)
    window.chart_actions[2].trigger()
    settle(window)
    pdf = printed.read_bytes()
    assert pdf.startswith(MAGIC["pdf"]) and b"/Subtype /Image" in pdf

    QApplication.clipboard().clear()
    window.chart_actions[0].trigger()
    settle(window)
    assert not QApplication.clipboard().image().isNull()
    assert page.chart_view.spec is not None


def test_a_cancelled_or_failed_export_says_one_sentence(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        nobody_at_the_screen: list[str]) -> None:
    page = charted(window)
    monkeypatch.setattr(ask, "save_file", lambda *a: None)  # cancelled: nothing happens
    trigger(right_click_menu(page.chart_view), "Export as SVG…")
    settle(window)
    assert nobody_at_the_screen == [] and list(tmp_path.glob("*.svg")) == []
    monkeypatch.setattr(ask, "save_file", lambda *a: tmp_path / "chart.gif")
    window.chart_actions[1].trigger()
    settle(window)
    assert nobody_at_the_screen == [
        "chart.gif: give a file name ending in .png, .svg or .pdf for the chart."]


def exported_svg(window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                 name: str) -> str:
    """Edit › Export Chart… to ``name``.svg: the file's text."""
    window.edit_menu.aboutToShow.emit()
    assert all(a.isEnabled() for a in window.chart_actions)
    monkeypatch.setattr(ask, "save_file", lambda *a: tmp_path / f"{name}.svg")
    window.chart_actions[1].trigger()
    settle(window)
    return (tmp_path / f"{name}.svg").read_text()


def test_the_control_charts_page_exports_the_tab_shown(
        window: MainWindow, qtbot: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui.test_control_charts_page import open_page, seed_piston_rings

    kpi = seed_piston_rings(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    assert ">Ring diameter" in exported_svg(window, tmp_path, monkeypatch, "control")
    page.tabs.setCurrentWidget(page.capability)
    histogram = page.capability.histogram.spec
    assert histogram is not None  # the capability tab's first chart, not the hidden one
    assert f">{histogram.title}<" in exported_svg(window, tmp_path, monkeypatch, "capability")
    page.exclude(2, "gauge dropped")
    qtbot.waitUntil(lambda: page.pareto.view.spec is not None)
    page.tabs.setCurrentWidget(page.pareto)
    pareto = page.pareto.view.spec
    assert f">{pareto.title}<" in exported_svg(window, tmp_path, monkeypatch, "pareto")


def test_a_kpi_detail_has_the_chart_and_the_scorecard_none(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from opsdesk.ui.kpis.scorecard_model import KPI_ID_ROLE
    from tests.ui.test_kpis_page import kpis_page

    page = kpis_page(window)
    window.edit_menu.aboutToShow.emit()  # the scorecard is a table
    assert not any(a.isEnabled() for a in window.chart_actions)
    page.tabs.setCurrentWidget(page.bowling)  # a table too (KPIs by period)
    window.edit_menu.aboutToShow.emit()
    assert not any(a.isEnabled() for a in window.chart_actions)
    page.tabs.setCurrentIndex(0)
    page.open_kpi(page.proxy.index(0, 0).data(KPI_ID_ROLE))
    QApplication.processEvents()  # the chart made for the first detail shows
    # kpi_helpers.seed_three names the worst KPI "Red KPI"; the scorecard lists it first
    assert ">Red KPI<" in exported_svg(window, tmp_path, monkeypatch, "kpi")
