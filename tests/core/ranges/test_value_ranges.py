"""Huge finite numbers: every number entering the workspace or the engine is checked
against ``opsdesk.core.ranges`` (one sentence naming the field and row), and charts and
tables stay bounded in time and memory for any finite value another program stored."""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import plan
from opsdesk.core.kpi.commands import SetTarget
from opsdesk.core.kpi.observations import AddObservations
from opsdesk.core.ranges import OUT_OF_RANGE
from opsdesk.core.report.chart_axes import MAX_TICKS, format_number, number_ticks, padded
from opsdesk.core.spc import control_chart
from opsdesk.core.spc.table_input import parse_tests, select_points
from tests.core.imports import corpus
from tests.core.kpi.helpers import make_kpi

HUGE = 1.7e308  # just below float's largest, 1.797e308


@pytest.mark.parametrize("value", [HUGE, -HUGE, 1e305, 1e16])
def test_kpi_commands_refuse_numbers_outside_the_range(workspace: Any, value: float) -> None:
    kpi_id = make_kpi(workspace)
    with pytest.raises(OpsdeskError, match=r"^The target is .*outside the range opsdesk "
                                           r"accepts \(from -1e15 to 1e15\)\.$"):
        workspace.execute(SetTarget(kpi_id, {"target": value}))
    with pytest.raises(OpsdeskError, match=r"The lsl is .* outside the range"):
        make_kpi(workspace, "L", lsl=value)
    with pytest.raises(OpsdeskError, match=r"^Value is .* outside the range"):
        workspace.execute(AddObservations(kpi_id, ({"ts": "2026-01-01", "value": value},)))
    assert workspace.scalar("SELECT count(*) FROM observations") == 0


def test_the_range_itself_is_accepted(workspace: Any) -> None:
    kpi_id = make_kpi(workspace)
    workspace.execute(SetTarget(kpi_id, {"target": 1e15}))
    workspace.execute(SetTarget(kpi_id, {"target": -1e15, "effective_from": "2026-01-01"}))


def test_an_import_names_the_row_of_a_huge_number(workspace: Any, tmp_path: Path) -> None:
    text = corpus.text(tmp_path / "h.csv",
                       "Date,KPI,Value\n2026-01-01,OEE,80\n2026-01-02,OEE,1.7e308\n")
    sheet = corpus.xlsx(tmp_path / "h.xlsx",
                        [["Date", "KPI", "Value"], ["2026-01-01", "OEE", 80.0],
                         ["2026-01-02", "OEE", -HUGE], ["2026-01-03", "OEE", 81.0]])
    for source in (text, sheet):  # the xlsx column is all floats: the fast path
        prepared = plan.prepare(workspace.conn, source, plan.Options())
        assert [(p.row, p.column, p.reason) for p in prepared.problems] == [
            (3, "Value", OUT_OF_RANGE)]


def test_the_spc_engine_refuses_values_outside_the_range() -> None:
    with pytest.raises(OpsdeskError, match=r"The value of point '2' is 1e\+300, outside"):
        control_chart("i-mr", [1.0, 1e300, 2.0, 3.0])
    with pytest.raises(OpsdeskError, match="The historical sigma is 1e\\+20, outside"):
        from opsdesk.core.spc import ChartOptions

        control_chart("i-mr", [1.0, 2.0, 3.0], options=ChartOptions(mu=1.0, sigma=1e20))


def test_a_huge_baseline_range_is_refused_before_it_is_spelled_out() -> None:
    labels = [str(n) for n in range(1, 26)]
    with pytest.raises(OpsdeskError, match="go past the last point"):
        select_points("1-99999999999999", labels, "Baseline")
    with pytest.raises(OpsdeskError, match="does not exist"):
        parse_tests("1-99999999999999")


finite = st.floats(allow_nan=False, allow_infinity=False)


@given(finite, finite)
@example(0.0, 5e-324)  # a span whose fifth underflows to 0
def test_ticks_are_bounded_and_finite_for_any_finite_range(a: float, b: float) -> None:
    lo, hi = min(a, b), max(a, b)
    ticks, decimals = number_ticks(lo, hi)
    assert len(ticks) <= MAX_TICKS and 0 <= decimals <= 6
    slack = 1e-8 * (abs(lo) + abs(hi))  # a tick may sit a billionth of the span outside
    assert all(math.isfinite(t) and lo - slack <= t <= hi + slack for t in ticks)
    assert all(len(format_number(t, decimals)) < 40 for t in ticks)


def test_padding_never_overflows() -> None:
    from opsdesk.core.charts import Axis

    low, high = padded(-HUGE, HUGE, Axis())
    assert math.isfinite(low) and math.isfinite(high) and low < high
    assert padded(0.0, 10.0, Axis(min=-math.inf, max=math.inf)) == pytest.approx((-0.6, 10.6))


def test_a_workspace_holding_extreme_values_still_reports(workspace: Any, tmp_path: Path) -> None:
    """Values another program wrote past the range: left out of the statistics, bounded in
    the charts and tables, no warning (warnings are errors in this suite)."""
    from opsdesk.core.report.build import build_report
    from opsdesk.core.report.config import ReportConfig
    from tests.core.report.helpers import add_kpi, add_values

    with workspace.transaction() as conn:
        wild = add_kpi(conn, "W" * 2000, target=HUGE)  # a name and a target no one types
        add_values(conn, wild, [(f"2025-{m:02d}-15", (-1) ** m * HUGE) for m in range(1, 13)])
        tame = add_kpi(conn, "Scrap", target=2.0, red_value=HUGE)
        add_values(conn, tame, [(f"2025-{m:02d}-15", 2.0 + m / 10) for m in range(1, 13)]
                   + [("2025-06-20", 1e305)])
    out = tmp_path / "r.pdf"
    result = build_report(workspace.conn, out, ReportConfig())
    assert result.pages > 1 and out.stat().st_size < 5_000_000
    from tests.core.report.helpers import pdf_text

    text = pdf_text(out.read_bytes())
    # Every time the name is shown, it is cut short (to 199 letters and an ellipsis).
    assert text.count("W...") >= 3 and text.count("W") <= 199 * text.count("W...")  # NFKC
    assert sys.getsizeof(text) < 5_000_000
