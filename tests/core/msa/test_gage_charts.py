"""The gage study's graphs: what each shows, with the AIAG manual's control limits."""

from __future__ import annotations

import pytest

from opsdesk.core.msa.crossed import crossed_anova
from opsdesk.core.msa.gage_charts import gage_charts
from opsdesk.core.msa.study import gage_study
from tests.core.msa.aiag import columns


def _ref(panel, prefix: str) -> float:  # type: ignore[no-untyped-def]
    return next(r.value for r in panel.ref_lines if r.label.startswith(prefix))


def test_six_graphs_in_minitabs_order() -> None:
    study = gage_study(*columns())
    charts = gage_charts(study, crossed_anova(study, tolerance=8))
    assert [c.title for c in charts] == [
        "Components of variation", "R chart by operator", "X̄ chart by operator",
        "Measurements by part", "Measurements by operator", "Operator × part interaction"]
    bars = charts[0].panels[0].bars
    assert [b.name for b in bars] == ["% Contribution", "% Study var", "% Tolerance"]
    # Minitab's example: %Contribution of Gage R&R 7.76, Part-to-part 92.24
    assert bars[0].height[0] == pytest.approx(7.76, abs=6e-3)
    assert bars[0].height[3] == pytest.approx(92.24, abs=6e-3)


def test_range_and_mean_charts_use_the_manuals_limits() -> None:
    # AIAG MSA 4th ed., the study's range chart: R-double-bar 0.3417, UCL = D4 R = 2.574 x
    # 0.3417 = 0.8796 (the manual's figure), LCL = 0 (D3 = 0 for 3 trials). Mean chart:
    # grand mean 0.0014 (the sum 0.13 of the 90 readings / 90 = 0.00144), limits
    # +- A2 R = 1.023 x 0.3417 = 0.3495.
    study = gage_study(*columns())
    _, r_chart, x_chart, *_ = gage_charts(study, crossed_anova(study))
    r_panel, x_panel = r_chart.panels[0], x_chart.panels[0]
    assert _ref(r_panel, "CL") == pytest.approx(0.3417, abs=5e-5)
    assert _ref(r_panel, "UCL") == pytest.approx(0.8796, abs=2e-4)
    assert _ref(r_panel, "LCL") == 0.0
    assert _ref(x_panel, "CL") == pytest.approx(0.13 / 90, abs=1e-9)
    assert _ref(x_panel, "UCL") - _ref(x_panel, "CL") == pytest.approx(0.3495, abs=2e-4)
    # one series per operator, ten parts each, on a 30-category axis split by operator
    assert [len(s.y) for s in r_panel.series] == [10, 10, 10]
    assert len(r_panel.x_axis.categories) == 30
    assert [a.text for a in r_panel.annotations] == ["Operator A", "Operator B", "Operator C"]
