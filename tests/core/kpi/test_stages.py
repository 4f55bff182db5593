"""A KPI chart honours the KPI's stages, and says where a chart without them has likely
shifted. The series is written out by hand: twelve months of 10, 11, 10.5 repeated, then
twelve of 14, 15, 14.5 (a step of 4 in January 2025).

By hand, per stage (individuals chart, sigma = MR-bar / d2, d2(2) = 2 / sqrt(pi) =
1.128379; Montgomery, ISQC, Appendix VI gives 1.128): the eleven moving ranges inside a
stage are 1, .5, .5, 1, .5, .5, 1, .5, .5, 1, .5 -> MR-bar = 7.5 / 11 = 0.681818;
sigma = 0.604246; stage 1 centre 10.5, UCL = 10.5 + 3 sigma = 12.312737, LCL = 8.687263;
stage 2 the same, 4 higher.

Across both as one stage: 23 moving ranges summing to 7.5 + 7.5 + |14 - 10.5| = 18.5 ->
MR-bar = 0.804348, sigma = 0.712835; centre 12.5, LCL = 10.361496, UCL = 14.638504. Every
10 lies below the LCL (test 1) and the first stage's tail and the second's run on one side
of 12.5 (test 2, 8 in a row): far more than a quarter of the points signal. The least-
squares change point is the step itself: 10.5 before, 14.5 from January 2025 on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pytest

from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.kpi.observations import AddAnnotation, MarkStage
from opsdesk.core.kpi.scorecard import compute_statuses
from opsdesk.core.kpi.stages import change_point, stage_labels
from opsdesk.core.kpi.trend_spec import stamp, trend_chart, trend_spec
from tests.core.kpi.helpers import make_kpi

AS_OF = date(2026, 1, 10)


def _stepped_kpi(ws: Any) -> int:
    pattern = (0.0, 1.0, 0.5) * 4
    months = [f"{y}-{m:02d}-01" for y in (2024, 2025) for m in range(1, 13)]
    values = [10 + p for p in pattern] + [14 + p for p in pattern]
    # Western Electric rules: no test 7, which a pattern this regular would fail
    return make_kpi(ws, "Line OEE", rule_set="we",
                    observations=tuple(zip(months, values, strict=True)))


def _signalled(spec: Any) -> int:
    return len([m for m in spec.panels[0].markers if m.role == "bad"])


def test_one_set_of_limits_across_the_step_says_where_it_shifted(workspace: Any) -> None:
    kpi_id = _stepped_kpi(workspace)
    chart = trend_chart(workspace.conn, kpi_id, AS_OF)
    spec = chart.spec
    refs = {r.label: r for r in spec.panels[0].ref_lines}
    assert refs["UCL"].value == pytest.approx(14.638504)
    assert refs["LCL"].value == pytest.approx(10.361496)
    assert _signalled(spec) > 24 / 4
    assert len(chart.shifts) == 1 and chart.shifts[0].index == 12
    assert chart.periods[12] == date(2025, 1, 1)
    (warning,) = spec.warnings
    assert "likely shifted, around 2025-01 (mean 10.5 before, 14.5 from then on)" in warning
    assert f"{_signalled(spec)} of the 24 points" in warning
    # drawn where it is: a dotted line between December and January
    mid = (stamp(date(2024, 12, 1)) + stamp(date(2025, 1, 1))) / 2
    assert refs["likely shift"].at_x == mid


def test_a_stage_started_at_the_step_gives_each_part_its_limits(workspace: Any) -> None:
    kpi_id = _stepped_kpi(workspace)
    before = compute_statuses(workspace.conn, AS_OF, [kpi_id])[0]
    assert 2 in before.signals  # December: 8 in a row above the single centre line
    applied = workspace.execute(AddAnnotation(kpi_id, "2025-01-15", "New line started",
                                              starts_stage=True))
    spec = trend_spec(workspace.conn, kpi_id, AS_OF)
    panel = spec.panels[0]
    steps = {s.name: s for s in panel.series if s.step}
    assert steps["Centre"].y == [10.5] * 12 + [14.5] * 12
    assert steps["UCL"].y == pytest.approx([12.312737] * 12 + [16.312737] * 12)
    assert steps["LCL"].y == pytest.approx([8.687263] * 12 + [12.687263] * 12)
    assert not [r for r in panel.ref_lines if r.value is not None]  # no single limits
    boundary = [r for r in panel.ref_lines if r.at_x is not None and r.style == "dash"]
    assert [r.at_x for r in boundary] == [(stamp(date(2024, 12, 1))
                                           + stamp(date(2025, 1, 1))) / 2]
    assert _signalled(spec) == 0 and spec.warnings == ()
    assert any("for each of its 2 stages" in n for n in spec.notes)
    assert compute_statuses(workspace.conn, AS_OF, [kpi_id])[0].signals == ()
    # undone: one set of limits again
    workspace.execute(applied.inverse)
    assert trend_spec(workspace.conn, kpi_id, AS_OF).warnings != ()


def test_an_annotation_can_start_a_stage_and_stop_again(workspace: Any) -> None:
    kpi_id = _stepped_kpi(workspace)
    workspace.execute(AddAnnotation(kpi_id, "2025-01-01", "New line"))
    assert trend_spec(workspace.conn, kpi_id, AS_OF).warnings != ()  # a plain note
    note_id = workspace.scalar("SELECT id FROM annotations WHERE kpi_id = ?", (kpi_id,))
    marked = workspace.execute(MarkStage(kpi_id, note_id, True))
    assert trend_spec(workspace.conn, kpi_id, AS_OF).warnings == ()
    rows = workspace.rows("SELECT action, before, after FROM audit_log"
                          " WHERE entity = 'annotations' ORDER BY seq DESC LIMIT 1")
    assert '"starts_stage": 0' in rows[0]["before"] and '"starts_stage": 1' in rows[0]["after"]
    workspace.execute(marked.inverse)
    assert load_kpis(workspace.conn, [kpi_id])[0].stages == ()


def test_a_stage_too_short_for_limits_of_its_own_waits(workspace: Any) -> None:
    # Started in November 2025: two periods (Nov, Dec) by the review date, fewer than the
    # four an individuals chart needs for limits of its own.
    kpi_id = _stepped_kpi(workspace)
    workspace.execute(AddAnnotation(kpi_id, "2025-11-03", "Camera replaced",
                                    starts_stage=True))
    kpi = load_kpis(workspace.conn, [kpi_id])[0]
    starts = [date(y, m, 1) for y in (2024, 2025) for m in range(1, 13)]
    staging = stage_labels(kpi, starts)
    assert staging.labels is None
    assert "from 2025-11 (Camera replaced)" in staging.notes[0]
    spec = trend_spec(workspace.conn, kpi_id, AS_OF)
    assert any("is not drawn on its own" in n for n in spec.notes)


def test_change_point_is_the_least_squares_split() -> None:
    # 1, 1, 1, 1, 5, 5, 5, 5, 5: SSE is 0 when split before the first 5 (index 4) and
    # positive anywhere else.
    assert change_point(np.array([1.0] * 4 + [5.0] * 5)) == 4
    assert change_point(np.array([1.0, 2.0, 3.0])) is None  # too short for two stages


def test_the_pdf_kpi_page_says_where_the_process_shifted(workspace: Any) -> None:
    from io import BytesIO

    from opsdesk.core.report.build import build_report
    from opsdesk.core.report.config import ReportConfig
    from tests.core.report.helpers import pdf_text

    kpi_id = _stepped_kpi(workspace)
    config = ReportConfig(title="Review", client="Client", author="Author",
                          period_from="2025-01-01", period_to="2025-12-31",
                          sections=("kpi_pages",))
    sink = BytesIO()
    build_report(workspace.conn, None, config, sink=sink)
    text = " ".join(pdf_text(sink.getvalue()).split())
    assert "Likely shift." in text and "around 2025-01 (mean 10.5 before, 14.5 from" in text
    workspace.execute(AddAnnotation(kpi_id, "2025-01-01", "New line started",
                                    starts_stage=True))
    sink = BytesIO()
    build_report(workspace.conn, None, config, sink=sink)
    text = " ".join(pdf_text(sink.getvalue()).split())
    assert "Likely shift." not in text and "for each of its 2 stages" in text
