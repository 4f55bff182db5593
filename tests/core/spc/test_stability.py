"""Capability beside a process that is not in statistical control says so, on screen and
in the PDF (as Minitab's capability sixpack puts the control charts beside the indices).

The series is written out by hand: 10, 11, 10.5 four times, then 20; Western Electric
rules (tests 1, 2, 5, 6). Individuals chart: centre (126 + 20) / 13 = 11.2308; moving
ranges 7.5 within the pattern plus |20 - 10.5| = 9.5, MR-bar = 17 / 12 = 1.41667, sigma =
1.41667 / 1.128379 = 1.25549 (d2(2) = 2 / sqrt(pi); Montgomery, ISQC, Appendix VI), UCL =
11.2308 + 3 * 1.25549 = 14.9973. So 20 is beyond the UCL (test 1), and the first twelve
points all lie below 11.2308, so test 2 (8 in a row on one side) marks points 8 to 12:
6 of the 13 points signal, on tests 1 and 2. Tests 5 and 6 find nothing: 20 is the only
point beyond 2 sigma, and no point lies beyond 1 sigma below (10 > 11.2308 - 1.25549).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
from opsdesk.core.spc.stability import stability_warning

PATTERN = [10.0, 11.0, 10.5] * 4


def test_signals_make_the_warning_by_hand() -> None:
    result = control_chart("i-mr", [*PATTERN, 20.0], options=ChartOptions(rules=RuleConfig("we")))
    warning = stability_warning(result)
    assert warning is not None
    assert warning.startswith("The process is not in statistical control: 6 points of 13 "
                              "signal on ")
    assert "(tests 1, 2)" in warning and "Capability indices assume a stable process" in warning


def test_a_stable_process_gets_no_warning() -> None:
    # The pattern alone: centre 10.5, sigma 0.604246; every point within 0.5 of the centre
    # (inside 1 sigma), a point on the centre every third one (no 8 on one side).
    result = control_chart("i-mr", PATTERN, options=ChartOptions(rules=RuleConfig("we")))
    assert stability_warning(result) is None


def test_capability_view_and_pdf_carry_the_warning(workspace: Any) -> None:
    from opsdesk.core.report.build import build_report
    from opsdesk.core.report.config import ReportConfig
    from opsdesk.core.spc import chart_commands as cmd
    from opsdesk.core.spc.capability_view import capability_for
    from opsdesk.core.spc.saved import compute, load_chart
    from tests.core.report.helpers import pdf_text
    from tests.core.spc.test_saved_charts import add_kpi

    values = [*PATTERN, 20.0]
    kpi = add_kpi(workspace, "Fill", [(f"2026-04-{d + 1:02d}", v, None, None)
                                      for d, v in enumerate(values)],
                  lsl=5.0, usl=25.0, rule_set="we")
    chart_id = workspace.execute(cmd.NewChart("Fill", kpi, "i-mr", "we")).result
    view = capability_for(compute(workspace.conn, load_chart(workspace.conn, chart_id)))
    assert view.stability is not None and "6 points of 13" in view.stability
    config = ReportConfig(title="Review", client="Client", author="Author",
                          period_from="2026-04-01", period_to="2026-04-30",
                          sections=("capability",))
    sink = BytesIO()
    build_report(workspace.conn, None, config, sink=sink)
    text = " ".join(pdf_text(sink.getvalue()).split())
    assert "Not in statistical control. The process is not in statistical control: 6 points " \
           "of 13" in text
