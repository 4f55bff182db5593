"""The Data page's sixpack, gage R&R and hypothesis tests, used as a Minitab user would:
paste the columns, pick the analysis and its columns, Run; the page shows the lines the
command line prints for the same columns and the charts, each with its Copy/Export menu."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget

from opsdesk.core.msa.run_gage import GageRequest, run_gage
from opsdesk.core.msa.text import study_lines
from opsdesk.core.spc.table_input import Table
from opsdesk.core.stats.run_stats import StatsRequest, run_stats
from opsdesk.core.stats.text import stats_lines
from opsdesk.core.worksheet.grid import from_rows
from opsdesk.core.worksheet.run_analysis import run_analysis
from opsdesk.core.worksheet.sixpack_analysis import SixpackRequest
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.data_page import DataPage
from opsdesk.ui.widgets.chart_actions import chart_menu
from opsdesk.ui.worksheet.analysis_panel import CONTROL, GAGE, PARETO, SIXPACK, TEST, WAITING
from tests.conftest import DATASETS

AIAG = DATASETS / "spc" / "gage_aiag.csv"
PISTONS = DATASETS / "spc" / "pistonrings.csv"
# Student (1908), Biometrika 6: extra hours of sleep under two drugs (R's ``sleep``).
SLEEP = ("Drug 1\tDrug 2\n0.7\t1.9\n-1.6\t0.8\n-0.2\t1.1\n-1.2\t0.1\n-0.1\t-0.1\n3.4\t4.4\n"
         "3.7\t5.5\n0.8\t1.6\n0.0\t4.6\n2.0\t3.4\n")


def tab_text(path: Path, keep: str | None = None) -> str:
    """A CSV file's rows as Excel copies them (tab-separated)."""
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    if keep is not None:
        col = rows[0].index(keep)
        rows = [rows[0], *(r for r in rows[1:] if r[col] == "TRUE")]
    return "\n".join("\t".join(r) for r in rows) + "\n"


def settle(window: MainWindow) -> None:
    QApplication.processEvents()
    window.ctx.worker.wait_until_idle()
    QApplication.processEvents()


def pasted(window: MainWindow, text: str) -> DataPage:
    page = window.show_page_by_key("data")
    assert isinstance(page, DataPage)
    page.paste(text)
    settle(window)
    return page


def pick(box: QComboBox, data: object) -> None:
    """An item chosen with the keyboard, as a user tabs to the box and arrows down."""
    wanted = box.findData(data) if box.findData(data) >= 0 else box.findText(str(data))
    assert wanted >= 0, data
    box.setFocus()
    QTest.keyClick(box, Qt.Key.Key_Home)
    for _ in range(wanted):
        QTest.keyClick(box, Qt.Key.Key_Down)
    assert box.currentIndex() == wanted


def typed(box: QWidget, text: str) -> None:
    box.setFocus()
    QTest.keyClicks(box, text)


def run(window: MainWindow, page: DataPage) -> str:
    QTest.mouseClick(page.panel.run_button, Qt.MouseButton.LeftButton)
    settle(window)
    return page.results.text.toPlainText()


def visible(page: DataPage, *widgets: QWidget) -> list[bool]:
    return [w.isVisibleTo(page.panel) for w in widgets]


def test_each_analysis_shows_only_the_fields_it_takes(window: MainWindow) -> None:
    page = pasted(window, SLEEP)
    panel = page.panel
    control, stats = panel.control, panel.stats
    assert panel.family() == CONTROL and panel.save_button.isVisibleTo(panel)
    assert visible(page, control.value_box, control.subgroup_box, control.lsl_box) == [
        True, False, True]
    pick(control.chart_box, "xbar-r")
    assert visible(page, control.subgroup_box, control.size_box) == [True, False]
    pick(panel.family_box, PARETO)
    assert visible(page, panel.pareto.category_box, panel.pareto.count_box,
                   control.value_box, panel.save_button) == [True, True, False, False]
    pick(panel.family_box, SIXPACK)
    six = panel.sixpack
    assert visible(page, six.value_box, six.subgroup_box, six.lsl_box, six.usl_box,
                   six.target_box) == [True] * 5
    # no result yet: the results area says what to do
    assert page.results.text.toPlainText() == ""
    assert page.results.text.placeholderText() == WAITING[SIXPACK]
    pick(panel.family_box, GAGE)
    gage = panel.gage
    assert visible(page, gage.part_box, gage.operator_box, gage.value_box, gage.method_box,
                   gage.tolerance_box, six.value_box) == [True] * 5 + [False]
    pick(panel.family_box, TEST)
    fields = (stats.second_box, stats.by_box, stats.mu_box, stats.event_box, stats.count_box,
              stats.alternative_box, stats.equal_var_box, stats.alpha_box)
    shown = {}
    for test in ("describe", "t1", "t2", "paired", "anova", "prop2", "chi2"):
        pick(stats.test_box, test)
        shown[test] = visible(page, *fields)
    assert shown == {
        #            second  by    mu     event  count  altern equal  alpha
        "describe": [False, True, False, False, False, False, False, False],
        "t1":       [False, False, True, False, False, True, False, True],
        "t2":       [True, True, False, False, False, True, True, True],
        "paired":   [True, False, False, False, False, True, False, True],
        "anova":    [False, True, False, False, False, False, False, True],
        "prop2":    [False, True, False, True, True, True, False, True],
        "chi2":     [False, True, False, False, True, False, False, True],
    }
    pick(stats.test_box, "paired")
    label = stats.form.labelForField(stats.second_box)
    assert label is not None and label.property("text") == "After"


def test_gage_rr_from_the_page_gives_the_cli_lines_and_six_charts(window: MainWindow) -> None:
    page = pasted(window, tab_text(AIAG))
    pick(page.panel.family_box, GAGE)
    gage = page.panel.gage
    # the columns are found by their names
    assert [b.currentText() for b in (gage.part_box, gage.operator_box, gage.value_box)] == [
        "part", "operator", "value"]
    typed(gage.tolerance_box, "8")
    text = run(window, page)
    request = GageRequest("part", "operator", "value", tolerance=8)
    assert text == "\n".join(study_lines(run_gage(Table(AIAG), request)))
    # Minitab Help, "Example of Crossed Gage R&R Study" (gageaiag, tolerance 8): Total
    # Gage R&R %Study Var 27.86, %Tolerance 22.68; 4 distinct categories.
    assert "27.86   22.68" in text and "Number of distinct categories: 4" in text
    charts = page.results.charts
    assert [c.spec.title for c in charts if c.spec] == [
        "Components of variation", "R chart by operator", "X̄ chart by operator",
        "Measurements by part", "Measurements by operator", "Operator × part interaction"]
    for view in charts:  # each keeps the project's right-click menu
        assert view.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
        actions = [a.text() for a in chart_menu(view).actions()]
        assert "Copy Chart" in actions and "Export as PNG…" in actions
    # X-bar and R method: AIAG MSA 4th ed., %GRR 26.68 % by average and range.
    pick(gage.method_box, "xbar-r")
    assert "26.7 % of the study variation" in run(window, page)


def test_sixpack_from_the_page_puts_the_stability_verdict_first(window: MainWindow) -> None:
    page = pasted(window, tab_text(PISTONS, keep="trial"))
    pick(page.panel.family_box, SIXPACK)
    six = page.panel.sixpack
    pick(six.value_box, "diameter")
    pick(six.subgroup_box, "sample")
    typed(six.lsl_box, "73.95")
    typed(six.usl_box, "74.05")
    text = run(window, page)
    grid = from_rows([r.split("\t") for r in tab_text(PISTONS, keep="trial").splitlines()])
    expected = run_analysis(grid, "x", SixpackRequest("diameter", "sample", 73.95, 74.05))
    assert text == "\n".join(expected.lines)
    # Montgomery ISQC Example 5-1: the 25 trial samples are in control, Cp about 1.68.
    assert text.startswith("The process is in statistical control")
    cp = next(line for line in text.splitlines() if line.strip().startswith("Cp "))
    assert 1.65 <= float(cp.split()[-1]) <= 1.72
    assert len(page.results.charts) == 6
    # an edit to the sheet runs the sixpack shown again
    page.edit_cell(0, page.current().grid.names.index("diameter"), "74.5")  # type: ignore[union-attr]
    settle(window)
    assert page.results.text.toPlainText().startswith("The process is not in statistical")


def test_a_two_sample_t_from_the_page_is_the_cli_sentence(window: MainWindow,
                                                          tmp_path: Path) -> None:
    page = pasted(window, SLEEP)
    pick(page.panel.family_box, TEST)
    stats = page.panel.stats
    pick(stats.test_box, "t2")
    pick(stats.value_box, "Drug 1")
    pick(stats.second_box, "Drug 2")
    text = run(window, page)
    path = tmp_path / "sleep.csv"
    path.write_text(SLEEP.replace("\t", ","), encoding="utf-8")
    request = StatsRequest("t2", "Drug 1,Drug 2")
    assert text == "\n".join(stats_lines(run_stats(Table(path), request), "t2"))
    # R: t.test(extra ~ group, data = sleep): Welch, t = -1.8608, p-value = 0.07939.
    assert "t = -1.861" in text and "p = 0.079" in text
    assert page.results.charts == []


def test_wrong_columns_are_one_sentence_and_nothing_changes(
        window: MainWindow, nobody_at_the_screen: list[str]) -> None:
    page = pasted(window, tab_text(AIAG))
    pick(page.panel.family_box, GAGE)
    pick(page.panel.gage.value_box, "operator")
    assert run(window, page) == ("The part, operator and measurement columns must be three "
                                 "different columns.")
    pick(page.panel.family_box, SIXPACK)
    pick(page.panel.sixpack.value_box, "operator")
    typed(page.panel.sixpack.usl_box, "2")
    assert run(window, page) == "Row 1, column 'operator' holds 'A', which is not a number."
    assert page.results.charts == []
    page.panel.sixpack.usl_box.clear()
    typed(page.panel.sixpack.usl_box, "two")
    run(window, page)
    assert nobody_at_the_screen[-1] == "The USL 'two' is not a number."
    pick(page.panel.family_box, TEST)
    pick(page.panel.stats.test_box, "paired")
    run(window, page)
    assert nobody_at_the_screen[-1] == ("The paired t test takes two columns: choose the "
                                        "After column.")
    assert window.ctx.undo_stack.count() == 1  # the paste only: nothing else changed


def test_columns_without_telling_names_default_to_columns_that_fit(window: MainWindow) -> None:
    page = pasted(window, "Day\tLine\tWeight\tDefect\n2026-03-02\tA\t10\tSeal\n"
                          "2026-03-03\tB\t12\tCap\n2026-03-04\tA\t11\tSeal\n")
    gage = page.panel.gage
    # three different columns: labels for the parts and the operators, numbers measured
    assert [b.currentText() for b in (gage.part_box, gage.operator_box, gage.value_box)] == [
        "Day", "Line", "Weight"]
    pick(page.panel.family_box, TEST)
    assert page.panel.stats.value_box.currentText() == "Weight"
    pick(page.panel.stats.test_box, "chi2")  # a test of categories takes a text column
    assert page.panel.stats.value_box.currentText() == "Defect"
