"""The glossary (issue 14): Help ▸ Glossary (F1) opens one non-modal window per main window,
its search filters the terms, ``show_term`` selects one; the scorecard's ⚑ flag names its
tests and a double-click on it opens the first; a chart's right-click menu opens the
glossary at the first test its points fail; the capability indices explain themselves.

The expected names and definitions are typed out here from the text of the tests as the
glossary words them (core/glossary.py), not read back from the model under test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QTreeWidgetItem, QWidget

from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui.glossary_dialog import GlossaryDialog
from opsdesk.ui.kpis.scorecard_model import SIGNAL_COLUMN
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.widgets.chart_view import ChartView
from tests.ui.fit_checks import clipped
from tests.ui.kpi_helpers import pin_review_date

# Nine monthly values near 100, then June 130 and July 135. By hand: the centre line is
# 1165 / 11 = 105.9; the moving ranges 1, 2, 1, 2, 4, 2, 1, 2, 31, 5 average 5.1, so
# σ = 5.1 / 1.128 = 4.52 and CL + 3σ = 119.5, CL + 2σ = 114.9, CL − σ = 101.4.
# June and July are beyond 3σ (test 1) and July is the second of three beyond 2σ (test 5):
# the scorecard, which judges July, flags 1 and 5. The chart marks the whole history: also
# the nine steady months all below the centre line (test 2) and four of five below
# CL − σ (100, 101, 99, 100 and then 98: test 6).
STEADY = (100, 101, 99, 100, 102, 98, 100, 101, 99, 100)
MONTHS = [f"2025-{m:02d}-10" for m in range(9, 13)] + [f"2026-{m:02d}-10" for m in range(1, 8)]


def seed_flagged(window: MainWindow) -> int:
    ws = window.ctx.workspace
    assert ws is not None
    pin_review_date(ws)  # July 2026 is judged
    kpi_id = int(ws.execute(AddKpi({"name": "Throughput", "unit": "pcs"},
                                   ({"target": 100},))).result)
    values = (*STEADY[:9], 130, 135)
    ws.execute(InsertRows("observations", tuple(
        {"kpi_id": kpi_id, "ts": ts, "value": float(v)}
        for ts, v in zip(MONTHS, values, strict=True))))
    return kpi_id


def visible_keys(glossary: GlossaryDialog) -> list[str]:
    return [key for key, item in glossary.items.items()
            if not item.isHidden() and not item.parent().isHidden()]


def click_item(glossary: GlossaryDialog, item: QTreeWidgetItem) -> None:
    tree = glossary.terms
    QTest.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(
        item).center())


def double_click(widget: QWidget, where: QPoint) -> None:
    """As a user does: a first click, then the double-click (Qt's views need both)."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=where)
    QTest.mouseDClick(widget, Qt.MouseButton.LeftButton, pos=where)


def test_help_glossary_opens_one_non_modal_window(window: MainWindow, qtbot: Any) -> None:
    menu = window.help_menu
    assert [a.text() for a in menu.actions() if a.text()] == ["&Glossary", "&About opsdesk"]
    window.activateWindow()
    QTest.keyClick(window, Qt.Key.Key_F1)  # the menu item's shortcut
    glossaries = window.findChildren(GlossaryDialog)
    assert len(glossaries) == 1
    glossary = glossaries[0]
    qtbot.waitUntil(glossary.isVisible)
    assert not glossary.isModal()
    window.glossary_action.trigger()  # again: the same window, raised
    assert window.findChildren(GlossaryDialog) == [glossary]
    groups = [g.text(0) for g in glossary.groups]
    assert groups == ["Tests for special causes", "Capability", "Measurement systems"]
    assert glossary.groups[0].childCount() == 8
    # a click on a term shows it; the formula in a fixed-pitch font
    click_item(glossary, glossary.items["cpk"])
    assert glossary.current_key() == "cpk"
    assert glossary.name.text() == "Cpk"
    assert glossary.formula.text() == "Cpk = min(Cpl, Cpu)"
    assert glossary.definition.text().startswith("Short-term capability where the process is")
    assert glossary.formula.fontInfo().fixedPitch()


def test_search_filters_the_terms(window: MainWindow, qtbot: Any) -> None:
    glossary = window.show_glossary()
    QTest.keyClicks(glossary.search, "kappa")
    assert visible_keys(glossary) == ["kappa"]
    assert [g.isHidden() for g in glossary.groups] == [True, True, False]
    assert glossary.current_key() == "kappa"  # the selection follows what is left
    assert glossary.name.text() == "Kappa"
    glossary.search.clear()
    QTest.keyClicks(glossary.search, "centre line")  # every word, in any field
    # the tests whose definitions say "centre line": not 3 (a trend) nor 4 (alternation)
    assert visible_keys(glossary) == ["test-1", "test-2", "test-5", "test-6", "test-7",
                                      "test-8"]
    glossary.search.clear()
    QTest.keyClicks(glossary.search, "no such term xyz")
    assert visible_keys(glossary) == []
    assert glossary.none_found.isVisibleTo(glossary)
    assert glossary.name.text() == ""
    glossary.search.clear()
    assert len(visible_keys(glossary)) == len(glossary.items)
    assert not glossary.none_found.isVisibleTo(glossary)


def test_show_term_selects_and_clears_a_search_that_hides_it(window: MainWindow) -> None:
    glossary = window.show_glossary()
    QTest.keyClicks(glossary.search, "kappa")
    window.show_glossary("test-2")
    assert glossary.search.text() == ""
    assert glossary.current_key() == "test-2"
    assert glossary.terms.currentItem().isSelected()
    assert glossary.name.text() == "Test 2: a run on one side"
    assert "9 by default" in glossary.definition.text()
    assert glossary.formula.text() == "x_(i−K+1) … x_i all > CL, or all < CL"


def test_scorecard_flag_names_its_tests_and_opens_the_first(window: MainWindow,
                                                            qtbot: Any) -> None:
    seed_flagged(window)
    page = window.show_page_by_key("kpis")
    page.refresh(None)
    flag = page.proxy.index(0, SIGNAL_COLUMN)
    assert flag.data() == "⚑ 1,5"
    tip = flag.data(Qt.ItemDataRole.ToolTipRole)
    lines = tip.splitlines()
    assert "Test 1: a point beyond the limits" in lines
    assert "Test 5: 2 of 3 beyond 2σ" in lines
    window.show_glossary("ndc").hide()  # elsewhere: the flag must move it
    table = page.table
    double_click(table.viewport(), table.visualRect(flag).center())
    (glossary,) = window.findChildren(GlossaryDialog)
    qtbot.waitUntil(glossary.isVisible)
    assert glossary.current_key() == "test-1"
    assert page.stack.currentIndex() == 0  # the scorecard stays; the KPI did not open
    # elsewhere on the row a double-click still opens the KPI
    name = page.proxy.index(0, 0)
    double_click(table.viewport(), table.visualRect(name).center())
    assert page.stack.currentWidget() is page.detail


def right_click_menu(view: ChartView) -> QMenu:
    viewport = view.graphics.viewport()
    where = viewport.rect().center()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, where, viewport.mapToGlobal(where)))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_chart_menu_opens_the_glossary_at_the_first_flagged_test(window: MainWindow,
                                                                 qtbot: Any) -> None:
    kpi_id = seed_flagged(window)
    page = window.show_page_by_key("kpis")
    page.refresh(None)
    page.open_kpi(kpi_id)
    window.ctx.worker.wait_until_idle()
    qtbot.waitUntil(lambda: any(c.spec is not None and c.isVisible()
                                for c in page.detail.findChildren(ChartView)))
    charts = [c for c in page.detail.findChildren(ChartView) if c.spec is not None]
    view = charts[0]
    glossary = window.show_glossary("cp")  # elsewhere: the menu must move it
    glossary.hide()
    menu = right_click_menu(view)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[-2:] == ["Glossary…", "What do tests 1, 2, 5, 6 mean?"]
    (ask,) = [a for a in menu.actions() if a.text() == "What do tests 1, 2, 5, 6 mean?"]
    menu.setActiveAction(ask)
    QTest.keyClick(menu, Qt.Key.Key_Return)
    assert window.findChildren(GlossaryDialog) == [glossary]
    qtbot.waitUntil(glossary.isVisible)
    assert glossary.current_key() == "test-1"
    glossary.show_term("cp")
    menu = right_click_menu(view)
    (plain,) = [a for a in menu.actions() if a.text() == "Glossary…"]
    plain.trigger()  # the glossary as it was left
    assert glossary.current_key() == "cp"
    menu.close()


def test_a_chart_without_signals_offers_the_glossary_only(window: MainWindow) -> None:
    from opsdesk.core.charts import Axis, ChartSpec, Panel, Series

    page = window.show_page_by_key("kpis")
    view = ChartView()
    page.layout().addWidget(view)  # in the window: its menu needs the window's context
    view.set_spec(ChartSpec("Plain", (Panel("", Axis("x"), Axis("y"), (
        Series("data", [0, 1, 2], [1.0, 2.0, 1.5]),)),)))
    view.show()
    menu = right_click_menu(view)
    texts = [a.text() for a in menu.actions() if a.text()]
    assert texts[-1] == "Glossary…"
    assert not any(t.startswith("What do") for t in texts)
    menu.close()


def test_capability_indices_explain_themselves() -> None:
    from opsdesk.core.spc.capability import capability
    from opsdesk.ui.spc.indices_model import TERM_ROLE, IndicesModel

    model = IndicesModel()
    values = np.array([9.8, 10.1, 10.0, 9.9, 10.2, 10.0, 9.7, 10.3, 10.1, 9.9])
    model.set_capability(capability(values, 0.3, 9.0, 11.0))
    rows = {model.index(r, 0).data(): r for r in range(model.rowCount())}
    cpk = rows["Cpk / Ppk"]
    within = model.index(cpk, 1)
    assert within.data(TERM_ROLE) == "cpk"
    assert within.data(Qt.ItemDataRole.ToolTipRole) == (
        "Cpk: Short-term capability where the process is: the nearer spec limit in units "
        "of three short-term standard deviations.")
    assert model.index(cpk, 2).data(TERM_ROLE) == "ppk"
    label_tip = model.index(cpk, 0).data(Qt.ItemDataRole.ToolTipRole).splitlines()
    assert [line.split(":")[0] for line in label_tip] == ["Cpk", "Ppk"]
    cpm = rows["Cpm"]
    assert model.index(cpm, 1).data(Qt.ItemDataRole.ToolTipRole) is None  # an empty cell


@pytest.mark.parametrize("size", ((1024, 768), (1280, 720)), ids=["1024x768", "1280x720"])
def test_the_glossary_fits_a_projector(window: MainWindow, tmp_path: Path,
                                       size: tuple[int, int]) -> None:
    from opsdesk.ui import style

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet, palette = app.font(), app.styleSheet(), app.palette()
    style.apply(app)
    try:
        window.resize(*size)
        glossary = window.show_glossary("cpm_ci")  # the longest formula
        QApplication.processEvents()
        assert glossary.width() <= size[0] and glossary.height() <= size[1]
        problems = clipped(glossary)
        glossary.grab().save(str(tmp_path / "glossary.png"))  # to look at when it fails
        assert not problems, "\n".join(problems)
        # the whole formula fits its label's width (it wraps, never runs off)
        label = glossary.formula
        assert label.wordWrap()
        assert label.mapTo(glossary, QPoint(label.width(), 0)).x() <= glossary.width()
    finally:
        app.setStyleSheet(sheet)
        app.setFont(font)
        app.setPalette(palette)


def test_signal_tooltips_point_to_the_glossary(window: MainWindow) -> None:
    from opsdesk.core.charts import Axis, ChartSpec, Marker, Panel, Series

    view = ChartView()
    view.set_spec(ChartSpec("Signals", (Panel("", Axis("x"), Axis("y"), (
        Series("data", [0, 1, 2], [1.0, 2.0, 9.0]),), markers=(
        Marker(2, 9.0, "Test 1: 1 point more than 3σ from the centre line", text="1"),
        Marker(0, 1.0, "Excluded from the limits: a trial run", role="excluded")),),),
        keys=(("1", "1 point beyond 3σ"),)))
    tips = {}
    for scatter in view.marker_items:
        (spot,) = scatter.points()
        tips[spot.data()] = scatter.opts["tip"](spot.pos().x(), spot.pos().y(), spot.data())
    assert tips["Test 1: 1 point more than 3σ from the centre line"].splitlines() == [
        "Test 1: 1 point more than 3σ from the centre line",
        "Right-click for the glossary of the tests."]
    assert tips["Excluded from the limits: a trial run"] == (
        "Excluded from the limits: a trial run")  # not a signal: no tests to read about
    view.deleteLater()
