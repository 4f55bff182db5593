"""The Data page runs every chart of ``opsdesk spc`` (I-MR-R/S, g, t, Z-MR, Hotelling T²,
moving average beside the KPI charts) and non-normal capability (Box-Cox, Johnson, a
fitted distribution by the percentile method) on chosen worksheet columns, in the control
chart form and under the sixpack, with the lines the command line prints."""

from __future__ import annotations

from pathlib import Path

from scipy import stats

from opsdesk.core.spc.model import ALL_CHART_TYPES
from opsdesk.core.spc.run_spc import SpcRequest, run_request
from opsdesk.core.spc.summary import summary_lines
from opsdesk.core.spc.table_input import Table
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.worksheet.analysis_panel import SIXPACK
from opsdesk.ui.worksheet.chart_forms import CHARTS
from tests.conftest import DATASETS
from tests.ui.test_data_page_analyses import pasted, pick, run, settle, tab_text, typed, visible

BOILER = DATASETS / "spc" / "boiler.csv"
# The exponential example of tests/core/spc/test_capability_more.py, worked by hand
# there (ISO 22514-2 percentile method): the mean of 1, 2, 3, 0.5, 3.5 is the scale 2;
# X0.135 = -2 ln 0.99865 = 0.0027018, X50 = 2 ln 2 = 1.3862944, X99.865 = -2 ln 0.00135 =
# 13.2153014; LSL 0.01, USL 15: Pp = 14.99 / 13.2125996 = 1.1345, PPU = 1.1509, PPL =
# (1.3862944 - 0.01) / (1.3862944 - 0.0027018) = 0.9947 = Ppk.
WAITS = "Wait\n1\n2\n3\n0.5\n3.5\n"


def _percentile_lines(text: str) -> dict[str, str]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines)
                 if line.startswith("Capability by the percentile method on the exponential"))
    return {line.split()[0]: line.split()[-1] for line in lines[start + 1:start + 6]}


def test_the_form_offers_every_chart_of_the_command_line(window: MainWindow) -> None:
    assert sorted(CHARTS) == sorted(ALL_CHART_TYPES)
    page = pasted(window, WAITS)
    control = page.panel.control
    shown = {}
    for kind in ("i-mr-r", "z-mr", "t2", "t", "g", "laney-p"):
        pick(control.chart_box, kind)
        shown[kind] = visible(page, control.more_box, control.subgroup_box, control.size_box,
                              control.part_box, control.distribution_box,
                              control.non_normal_box)
    assert shown == {
        #          more   subgr  size   part   distr  non-normal
        "i-mr-r": [False, True, False, False, False, True],
        "z-mr":   [False, False, False, True, False, False],
        "t2":     [True, True, False, False, False, False],
        "t":      [False, False, False, False, True, False],
        "g":      [False, False, False, False, False, False],
        "laney-p": [False, False, True, False, False, False],
    }


def test_exponential_fit_from_the_control_chart_form(
        window: MainWindow, nobody_at_the_screen: list[str]) -> None:
    page = pasted(window, WAITS)
    control = page.panel.control
    typed(control.lsl_box, "0.01")
    typed(control.usl_box, "15")
    pick(control.non_normal_box, "Exponential fit")
    found = _percentile_lines(run(window, page))
    assert found["Pp"] == "1.135" and found["Ppu"] == "1.151"
    assert found["Ppl"] == "0.995" and found["Ppk"] == "0.995"
    # the chart, then the exponential curve and probability plot the indices come from
    assert [c.spec.title for c in page.results.charts][1:] == [
        "Wait: capability, exponential fit", "Exponential probability plot"]
    # without a spec limit there is nothing to judge: one sentence, no chart
    control.lsl_box.clear()
    control.usl_box.clear()
    run(window, page)
    assert nobody_at_the_screen[-1] == ("Exponential fit judges capability: give the LSL, "
                                        "the USL or both.")


def test_exponential_fit_under_the_sixpack(window: MainWindow) -> None:
    page = pasted(window, WAITS)
    pick(page.panel.family_box, SIXPACK)
    six = page.panel.sixpack
    typed(six.lsl_box, "0.01")
    typed(six.usl_box, "15")
    pick(six.non_normal_box, "Exponential fit")
    text = run(window, page)
    assert text.startswith("The process is in statistical control")
    found = _percentile_lines(text)
    assert (found["Pp"], found["Ppk"]) == ("1.135", "0.995")
    assert len(page.results.charts) == 6
    # the histogram draws the exponential curve the percentile indices come from
    histogram = page.results.charts[3].spec
    assert [c.name for c in histogram.panels[0].series] == ["Exponential fit"]


def test_hotelling_t2_of_ticked_columns_is_the_cli_chart(window: MainWindow) -> None:
    page = pasted(window, tab_text(BOILER))
    control = page.panel.control
    pick(control.chart_box, "t2")
    pick(control.value_box, "t1")
    names = [f"t{i}" for i in range(1, 9)]
    for i in range(control.more_box.count()):
        item = control.more_box.item(i)
        if item.text() in names:
            item.setCheckState(item.checkState().Checked)
    text = run(window, page)
    request = SpcRequest("t2", ",".join(names))
    result, cap, payload = run_request(Table(BOILER), request)
    assert text == "\n".join(summary_lines(result, cap, payload.get("capability")))
    # Tracy, Young & Mason (1992), phase I individuals: UCL = (m - 1)² / m x
    # B(1 - α; p / 2, (m - p - 1) / 2), m = 25 boiler readings of p = 8 temperatures
    # (Mason & Young 2002, p. 86), α = 2 (1 - Φ(3)) = 0.0027, the false-alarm rate of
    # three-sigma limits: 16.5726.
    ucl = 24 ** 2 / 25 * stats.beta.ppf(1 - 2 * stats.norm.sf(3), 4, 8)
    assert f"UCL {ucl:.6g}" in text and "UCL 16.5726" in text


def test_a_chart_a_kpi_cannot_keep_is_refused_in_one_sentence(
        window: MainWindow, nobody_at_the_screen: list[str], tmp_path: Path) -> None:
    page = pasted(window, WAITS)
    pick(page.panel.control.chart_box, "g")
    page.save_as_kpi()
    settle(window)
    assert nobody_at_the_screen[-1] == ("A KPI keeps one of the KPI charts (I-MR, X̄-R, p, "
                                        "...); the g chart is drawn on this page only.")
    assert window.ctx.undo_stack.count() == 1  # the paste only
