"""A saved control chart in the review shows the reporting period only: its limits come
from all of the chart's data (as on screen), but points and signals after the period's end
are neither drawn nor listed."""

from __future__ import annotations

from datetime import date
from io import BytesIO

from opsdesk.core.charts import Axis, ChartSpec, Marker, Panel, RefLine, Series
from opsdesk.core.kpi.trend_spec import stamp
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.report.spec_crop import crop
from tests.core.report.helpers import add_kpi, add_values, pdf_text

JANUARY = [(f"2026-01-{d:02d}", 10.0) for d in range(1, 21)]
FEBRUARY = [(f"2026-02-{d:02d}", 10.0) for d in range(1, 11)]


def test_signals_after_the_period_are_not_listed(workspace) -> None:  # type: ignore[no-untyped-def]
    # Twenty points at 10 in January with 30 on 10 January, ten at 10 in February with 40
    # on 5 February. Moving ranges: 20, 20 around the first spike, 30, 30 around the second,
    # 0 elsewhere: MR-bar = 100 / 29 = 3.45, sigma = 3.45 / 1.128 = 3.06; mean = (28 x 10 +
    # 30 + 40) / 30 = 11.67; UCL = 11.67 + 3 x 3.06 = 20.8. Both spikes are beyond it
    # (test 1); only the January one lies in the period.
    values = dict(JANUARY + FEBRUARY)
    values["2026-01-10"], values["2026-02-05"] = 30.0, 40.0
    with workspace.transaction() as conn:
        kpi = add_kpi(conn, "Fill weight", unit="g")
        add_values(conn, kpi, sorted(values.items()))
        conn.execute("INSERT INTO charts (name, kpi_id, chart_type, created_at, updated_at)"
                     " VALUES ('Fill weight: I-MR', ?, 'i-mr', '2026-01-01', '2026-01-01')",
                     (kpi,))
    config = ReportConfig(period_from="2026-01-01", period_to="2026-01-31",
                          sections=("control_charts",))
    sink = BytesIO()
    build_report(workspace.conn, None, config, sink=sink)
    text = pdf_text(sink.getvalue())
    assert "2026-01-10" in text  # January's signal, listed
    assert "2026-02-05" not in text  # February's is after the period
    assert "only the points of the reporting period are drawn and listed" in text


def _spec() -> ChartSpec:
    xs = [stamp(date(2026, 1, d)) for d in (10, 20)] + [stamp(date(2026, 2, 5))]
    panel = Panel("", Axis("Date", kind="date"), Axis(""),
                  (Series("Value", xs, [30.0, 10.0, 40.0]),
                   Series("UCL", xs, [20.0, 21.0, 22.0], role="limit", step=True)),
                  ref_lines=(RefLine("", at_x=xs[2]),),
                  markers=(Marker(xs[0], 30.0, "Test 1"), Marker(xs[2], 40.0, "Test 1")))
    return ChartSpec("", (panel,))


def test_crop_keeps_the_period_only() -> None:
    end = stamp(date(2026, 2, 1)) - 1  # the last second of 31 January
    panel = crop(_spec(), stamp(date(2026, 1, 1)), end).panels[0]
    data, limit = panel.series
    assert list(data.x) == [stamp(date(2026, 1, d)) for d in (10, 20)]
    assert [m.y for m in panel.markers] == [30.0]
    assert panel.ref_lines == ()
    # The step limit keeps its first point past the end, moved onto the axis' right end
    # (the last point in the period) where it has no width, so the line reaches the edge.
    assert list(limit.x)[-1] == stamp(date(2026, 1, 20)) and list(limit.y) == [20.0, 21.0, 22.0]
    assert panel.x_axis.max == stamp(date(2026, 1, 20))


def test_crop_from_the_left_only_keeps_the_right_end() -> None:
    panel = crop(_spec(), stamp(date(2026, 1, 15))).panels[0]
    assert [m.y for m in panel.markers] == [40.0]
    assert panel.x_axis.max is None  # unchanged: forecasts may run on to the right
