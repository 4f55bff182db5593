"""The ChartSpec and JSON of a computed chart carry what the result says."""

from __future__ import annotations

import json
import math

import numpy as np

from opsdesk.core.spc import ChartOptions, control_chart
from opsdesk.core.spc.chart_spec import (
    control_chart_spec,
    histogram_spec,
    level_texts,
    pareto_spec,
    probability_plot_spec,
)
from opsdesk.core.spc.export import chart_dict
from opsdesk.core.spc.normality import anderson_darling
from opsdesk.core.spc.pareto import pareto


def test_imr_spec_has_limits_zones_markers_and_notes() -> None:
    x = [10, 11, 9, 10, 11, 10, 9, 10, 11, 10, 40, 10]
    result = control_chart("i-mr", x, options=ChartOptions(exclusions={"2": "typo"}))
    spec = control_chart_spec(result, "Demo")
    ind, mr = spec.panels
    labels = {r.label.split(" =")[0] for r in ind.ref_lines}
    assert {"CL", "UCL", "LCL"} <= labels
    assert [b.label for b in ind.bands] == ["±2σ", "±1σ"]
    assert not mr.bands  # no zones on the moving-range chart
    bad = {m.x: m for m in ind.markers if m.role == "bad"}
    # 40 is beyond the limits; the nine points below the centre before it fail test 2
    assert bad[10].text == "1" and "Test 1" in bad[10].reason
    assert bad[8].text == "2" and "9 points in a row" in bad[8].reason
    excluded = [m for m in ind.markers if m.role == "excluded"]
    assert excluded[0].reason == "Excluded from the limits: typo"
    assert list(ind.series[0].hollow) == [False, True] + [False] * 10
    assert any("MR̄" in n for n in spec.notes)
    assert math.isnan(mr.series[0].y[0])


def test_level_texts_share_decimals_from_the_spread() -> None:
    # Minitab labels such an R chart UCL=0.03889, R̄=0.01839, LCL=0: four significant
    # digits of the spread 0.0388926 - 0 = 3.889e-2 -> 5 decimals.
    assert level_texts([0.0183931, 0.0388926, 0.0]) == ["0.01839", "0.03889", "0"]
    # spread 25.012184 - 24.990616 = 0.021568 (2.157e-2) -> 5 decimals for all three
    assert level_texts([25.0014, 25.012184, 24.990616]) == ["25.00140", "25.01218", "24.99062"]
    # spread 0.1 -> 4 decimals: 24.9500, 25.0500, 25.0000, less the two zeros they share
    assert level_texts([24.95, 25.05, 25.0]) == ["24.95", "25.05", "25.00"]
    # a single value: four significant digits of itself (0.03550), the lone zero dropped
    assert level_texts([0.035496]) == ["0.0355"]
    assert level_texts([1234567.0, 1234000.0]) == ["1234567", "1234000"]


def test_limit_labels_of_a_panel_have_the_same_decimals() -> None:
    result = control_chart("i-mr", [10.2, 11.7, 9.31, 10.05, 11.4, 10.66, 9.8, 10.1])
    for panel in control_chart_spec(result).panels:
        numbers = [r.label.split(" = ")[1] for r in panel.ref_lines if r.value is not None]
        decimals = {len(n.split(".")[1]) for n in numbers if n != "0"}
        assert len(numbers) >= 2 and len(decimals) == 1, numbers


def test_varying_limits_are_steps_and_stages_are_marked() -> None:
    result = control_chart("u", [3, 4, 2, 8, 9, 7], sizes=[1, 2, 1, 2, 1, 2],
                           row_stages=["a", "a", "a", "b", "b", "b"])
    panel = control_chart_spec(result).panels[0]
    steps = [s for s in panel.series if s.step]
    assert {s.name for s in steps} == {"CL", "UCL", "LCL"}
    assert [r.at_x for r in panel.ref_lines if r.at_x is not None] == [2.5]
    assert [a.text for a in panel.annotations] == ["a", "b"]


def test_json_shape() -> None:
    result = control_chart("i-mr", [1.0, 2.0, 4.0, 3.0])
    out = json.loads(json.dumps(chart_dict(result)))
    assert out["chart"] == "i-mr"
    assert [p["name"] for p in out["panels"]] == ["i", "mr"]
    mr = out["panels"][1]
    assert mr["values"] == [None, 1.0, 2.0, 1.0]
    assert mr["labels"] == ["1", "2", "3", "4"]
    # MR-bar = 4/3; sigma = MR-bar / 1.128...; centre of I = 2.5
    assert out["panels"][0]["center"] == 2.5
    assert out["sigma"]["value"] == (4 / 3) / (2 / math.sqrt(math.pi))
    assert out["sigma"]["constants"]["d2"] == 2 / math.sqrt(math.pi)


def test_capability_and_pareto_specs() -> None:
    x = np.random.default_rng(4).normal(10, 1, 100)
    hist = histogram_spec(x, "Histogram", 7, 13, 10, sigma_within=1.0)
    assert [r.label.split(" =")[0] for r in hist.panels[0].ref_lines] == ["LSL", "USL",
                                                                          "Target"]
    assert sum(hist.panels[0].bars[0].height) == 100
    prob = probability_plot_spec(anderson_darling(x))
    assert "Anderson-Darling" in prob.subtitle
    p = pareto(["a", "b", "a"])
    spec = pareto_spec(p)
    assert spec.panels[0].y2_axis is not None
    assert list(spec.panels[0].y2_series[0].y) == p.cumulative_percent


def test_the_legend_names_the_tests_beside_the_points() -> None:
    # Points 1-8 rising then a jump: test 3 (6 in a row increasing, K = 6) from point 6,
    # test 1 at the jump; the legend lists exactly the tests shown, in short, with K.
    from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
    from opsdesk.core.spc.chart_spec import control_chart_spec

    values = [10, 10.2, 9.9, 10.1, 10, 10.1, 9.9, 10, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6, 14]
    result = control_chart("i-mr", values, options=ChartOptions(rules=RuleConfig("aiag")))
    spec = control_chart_spec(result)
    shown = {t for p in spec.panels for m in p.markers if m.text for t in m.text.split(",")}
    assert [k for k, _ in spec.keys] == sorted(shown)
    meaning = dict(spec.keys)
    assert meaning.get("1") == "1 point beyond 3σ"
    assert meaning.get("3") in (None, "7 in a row rising or falling")  # AIAG: K = 7
    # each marker's tooltip gives the full test names, one a line
    marked = next(m for p in spec.panels for m in p.markers if m.text)
    assert all(line.startswith("Test ") for line in marked.reason.split("\n"))


def test_fitted_probability_plot_puts_each_value_against_the_fitted_quantile() -> None:
    from opsdesk.core.spc.chart_spec import fitted_probability_plot_spec
    from opsdesk.core.spc.fitted import fit

    values = np.array([4.0, 1.0, 10.0, 3.0, 2.0])
    exponential = fit(values, "exponential")  # maximum likelihood: the scale is the mean, 4
    spec = fitted_probability_plot_spec(values, exponential, "Exponential probability plot")
    line, points = spec.panels[0].series
    assert list(points.x) == [1.0, 2.0, 3.0, 4.0, 10.0]
    # the exponential quantile -scale ln(1 - p) at Benard's median ranks (i - 0.3) / (n + 0.4)
    expected = [-4.0 * math.log(1 - (i - 0.3) / 5.4) for i in range(1, 6)]
    assert np.allclose(points.y, expected, rtol=1e-12)
    # the line y = x, over the values and the quantiles both
    assert list(line.x) == list(line.y)
    assert np.allclose(line.x, [expected[0], 10.0], rtol=1e-12)
    assert spec.panels[0].y_axis.label == "Fitted quantile"
    assert "Anderson-Darling A²" in spec.subtitle


def test_a_normal_fit_s_probability_plot_is_the_normal_plot_in_the_data_s_units() -> None:
    from opsdesk.core.spc.chart_spec import fitted_probability_plot_spec
    from opsdesk.core.spc.fitted import fit

    values = np.array([9.8, 10.4, 10.1, 9.6, 10.9, 10.0, 9.9, 10.2])
    normality = anderson_darling(values)
    spec = fitted_probability_plot_spec(values, fit(values, "normal"), "Normal fit")
    points = spec.panels[0].series[1]
    assert np.allclose(points.y, normality.mean + normality.sd * normality.z, rtol=1e-12)
