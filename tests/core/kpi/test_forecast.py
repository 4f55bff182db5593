"""Holt's linear and damped-trend methods checked against hand calculations and the
closed-form variances of Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*
(2nd ed.), Table 7.8; the damped trend is Gardner & McKenzie (1985), as fpp2 section 7.2
writes it. Forecasts stay inside the KPI's natural range."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from opsdesk.core.kpi.forecast import (
    HoltFit,
    fit_best,
    fit_damped,
    fit_holt,
    holt_filter,
    next_period_forecast,
    predict,
)
from opsdesk.core.kpi.trend_spec import trend_spec
from tests.core.kpi.helpers import make_kpi


def test_recursions_by_hand() -> None:
    # y = 10, 12, 13, 15 with alpha = beta = 0.5; l0 = 10, b0 = 12 - 10 = 2.
    # t=1: forecast 12, error 0;     l1 = .5*12 + .5*12 = 12,      b1 = .5*2 + .5*2 = 2
    # t=2: forecast 14, error -1;    l2 = .5*13 + .5*14 = 13.5,    b2 = .5*1.5 + .5*2 = 1.75
    # t=3: forecast 15.25, e -0.25;  l3 = .5*15 + .5*15.25 = 15.125, b3 = .5*1.625 + .5*1.75
    #                                                                  = 1.6875
    level, slope, fitted = holt_filter(np.array([10.0, 12, 13, 15]), 0.5, 0.5)
    assert fitted.tolist() == [12.0, 14.0, 15.25]
    assert (level, slope) == (15.125, 1.6875)
    fit = HoltFit(0.5, 0.5, level, slope, 1.0625, 1.0, tuple(fitted))
    assert predict(fit, 1)[0] == 16.8125     # l3 + b3
    assert predict(fit, 2)[0] == 18.5        # l3 + 2 b3


def test_interval_matches_fpp2_table_7_8() -> None:
    # fpp2 Table 7.8, Holt's linear method: sigma_h^2 = sigma^2 [1 + (h-1){a^2 + a b h +
    # b^2 h (2h-1) / 6}] with the state-space b = alpha * beta*.
    alpha, beta_star, sigma = 0.6, 0.3, 2.0
    b = alpha * beta_star
    fit = HoltFit(alpha, beta_star, 100.0, 1.0, 0.0, sigma, ())
    for h in (1, 2, 3, 5, 8):
        var = sigma**2 * (1 + (h - 1) * (alpha**2 + alpha * b * h + b**2 * h * (2 * h - 1) / 6))
        point, low, high = predict(fit, h)
        assert point == pytest.approx(100.0 + h)
        assert high - point == pytest.approx(1.959964 * var**0.5, rel=1e-6)
        assert point - low == pytest.approx(high - point)


def test_straight_line_is_fitted_exactly() -> None:
    # On y = 3 + 2t every one-step error is zero for any alpha and beta, so the least
    # squares fit has SSE 0, the forecast continues the line and the interval is nil.
    y = 3.0 + 2.0 * np.arange(12)
    fit = fit_holt(y)
    assert fit.sse == pytest.approx(0.0, abs=1e-18)
    point, low, high = predict(fit, 3)
    assert point == pytest.approx(3.0 + 2.0 * 14)
    assert high - low == pytest.approx(0.0, abs=1e-9)


def test_least_squares_beats_neighbouring_parameters() -> None:
    rng = np.random.default_rng(3)
    y = 50 + 0.8 * np.arange(40) + rng.normal(0, 2, 40)
    fit = fit_holt(y)

    def sse(a: float, b: float) -> float:
        return float(np.sum((y[1:] - holt_filter(y, a, b)[2]) ** 2))

    for da, db in ((0.05, 0), (-0.05, 0), (0, 0.05), (0, -0.05)):
        a, b = min(max(fit.alpha + da, 0), 1), min(max(fit.beta + db, 0), 1)
        assert fit.sse <= sse(a, b) + 1e-9


def test_needs_six_periods() -> None:
    assert next_period_forecast(np.arange(5.0), date(2026, 5, 1), "monthly") is None
    forecast = next_period_forecast(np.arange(6.0), date(2026, 6, 1), "monthly")
    assert forecast is not None
    assert forecast.period == "2026-07"
    assert forecast.value == pytest.approx(6.0)


def test_damped_recursions_by_hand() -> None:
    # fpp2 7.2 (Gardner & McKenzie 1985): y^(t) = l(t-1) + phi b(t-1);
    # l(t) = a y(t) + (1-a)(l(t-1) + phi b(t-1)); b(t) = b*(l(t) - l(t-1)) + (1-b*) phi b(t-1).
    # y = 10, 12, 13, 15; alpha = beta = 0.5, phi = 0.9; l0 = 10, b0 = 2.
    # t=1: forecast 10 + .9*2 = 11.8;         l1 = .5*12 + .5*11.8 = 11.9
    #      b1 = .5*(11.9 - 10) + .5*.9*2 = 1.85
    # t=2: forecast 11.9 + .9*1.85 = 13.565;  l2 = .5*13 + .5*13.565 = 13.2825
    #      b2 = .5*(13.2825 - 11.9) + .5*.9*1.85 = 1.52375
    # t=3: forecast 13.2825 + .9*1.52375 = 14.653875; l3 = .5*15 + .5*14.653875 = 14.8269375
    #      b3 = .5*(14.8269375 - 13.2825) + .5*.9*1.52375 = 1.45790625
    level, slope, fitted = holt_filter(np.array([10.0, 12, 13, 15]), 0.5, 0.5, 0.9)
    assert fitted.tolist() == pytest.approx([11.8, 13.565, 14.653875])
    assert (level, slope) == (pytest.approx(14.8269375), pytest.approx(1.45790625))
    fit = HoltFit(0.5, 0.5, level, slope, 0.0, 1.0, tuple(fitted), phi=0.9)
    # h steps ahead: l3 + (phi + ... + phi^h) b3
    assert predict(fit, 1)[0] == pytest.approx(14.8269375 + 0.9 * 1.45790625)
    assert predict(fit, 2)[0] == pytest.approx(14.8269375 + 1.71 * 1.45790625)
    assert predict(fit, 3)[0] == pytest.approx(14.8269375 + 2.439 * 1.45790625)


def test_damped_interval_matches_fpp2_table_7_8() -> None:
    # fpp2 Table 7.8, additive damped trend (A,Ad,N), with b = alpha * beta*:
    # sigma_h^2 = sigma^2 [1 + a^2 (h-1) + b phi h / (1-phi)^2 {2a(1-phi) + b phi}
    #             - b phi (1 - phi^h) / ((1-phi)^2 (1-phi^2))
    #               * {2a(1-phi^2) + b phi (1 + 2phi - phi^h)}]
    alpha, beta_star, phi, sigma = 0.6, 0.3, 0.9, 2.0
    a, b = alpha, alpha * beta_star
    fit = HoltFit(alpha, beta_star, 100.0, 1.0, 0.0, sigma, (), phi=phi)
    for h in (1, 2, 3, 5, 8):
        var = sigma**2 * (
            1 + a**2 * (h - 1) + b * phi * h / (1 - phi) ** 2 * (2 * a * (1 - phi) + b * phi)
            - b * phi * (1 - phi**h) / ((1 - phi) ** 2 * (1 - phi**2))
            * (2 * a * (1 - phi**2) + b * phi * (1 + 2 * phi - phi**h)))
        point, _, high = predict(fit, h)
        assert point == pytest.approx(100.0 + phi * (1 - phi**h) / (1 - phi))
        assert high - point == pytest.approx(1.959964 * var**0.5, rel=1e-6)


def _aicc(fit: HoltFit, k: int) -> float:
    # AICc = n ln(SSE/n) + 2k + 2k(k+1)/(n-k-1), n one-step errors (fpp2 7.6 / 7.7)
    n = len(fit.fitted)
    return float(n * np.log(fit.sse / n) + 2 * k + 2 * k * (k + 1) / (n - k - 1))


def test_a_levelling_series_gets_the_damped_trend() -> None:
    # Growth that levels off: 80 - 20 * 0.7^t, plus a little noise. A linear trend keeps
    # rising; the damped one flattens, fits the one-step errors better and wins on AICc.
    rng = np.random.default_rng(11)
    t = np.arange(30)
    y = 80 - 20 * 0.7**t + rng.normal(0, 0.3, 30)
    linear, damped = fit_holt(y), fit_damped(y)
    assert 0.8 <= damped.phi <= 0.98
    assert _aicc(damped, 3) < _aicc(linear, 2)
    best = fit_best(y)
    assert best.damped and best.phi == damped.phi
    assert "damped" in best.statement() and "φ =" in best.statement()
    # Twelve steps on, the damped forecast stays near the plateau; the linear runs on.
    assert predict(best, 12)[0] < predict(linear, 12)[0]


def test_a_steady_trend_keeps_the_linear_method() -> None:
    rng = np.random.default_rng(5)
    y = 50 + 1.5 * np.arange(36) + rng.normal(0, 1.0, 36)
    linear, damped = fit_holt(y), fit_damped(y)
    best = fit_best(y)
    # whichever the criterion prefers; here the extra parameter does not pay for itself
    assert _aicc(linear, 2) <= _aicc(damped, 3)
    assert not best.damped and best.alpha == linear.alpha


def test_bounds_hold_the_forecast_and_its_interval() -> None:
    fit = HoltFit(0.5, 0.5, 98.0, 3.0, 0.0, 2.0, (1.0,) * 10)
    point, low, high = predict(fit, 2, bounds=(0.0, 100.0))
    # unbounded: 98 + 2*3 = 104 with an interval around it; bounded: all at most 100
    assert point == 100.0 and high == 100.0 and low <= 100.0
    assert predict(fit, 2)[0] == pytest.approx(104.0)
    falling = HoltFit(0.5, 0.5, 2.0, -3.0, 0.0, 2.0, (1.0,) * 10)
    assert predict(falling, 3, bounds=(0.0, None)) == (0.0, 0.0, pytest.approx(0.0))


def test_percent_kpi_forecast_never_goes_above_100(workspace: object) -> None:
    # An OEE (%) rising 1.5 points a month to 98.5: the linear trend alone would
    # forecast past 100 % within the quarter.
    obs = tuple((f"2026-{m:02d}-01", 82.0 + 1.5 * m) for m in range(1, 12))
    kpi_id = make_kpi(workspace, "OEE", unit="%", observations=obs)
    spec = trend_spec(workspace.conn, kpi_id, date(2026, 12, 5))  # type: ignore[attr-defined]
    panel = spec.panels[0]
    forecast = next(s for s in panel.series if s.name == "Forecast")
    band = next(b for b in panel.bands if b.label == "95 % prediction interval")
    assert max(forecast.y) == 100.0  # type: ignore[type-var]
    assert max(band.high) <= 100.0 and min(band.low) >= 0.0  # type: ignore[arg-type]
    assert any("kept within 0–100 %" in n for n in spec.notes)


def test_a_kpi_range_of_its_own_bounds_the_forecast(workspace: object) -> None:
    # CSAT on a 1-5 scale: the unit "score" implies nothing, the KPI's max_value does.
    obs = tuple((f"2026-{m:02d}-01", 3.9 + 0.1 * m) for m in range(1, 12))
    kpi_id = make_kpi(workspace, "CSAT", unit="score", min_value=1, max_value=5,
                      observations=obs)
    spec = trend_spec(workspace.conn, kpi_id, date(2026, 12, 5))  # type: ignore[attr-defined]
    band = next(b for b in spec.panels[0].bands if b.label == "95 % prediction interval")
    assert max(band.high) <= 5.0  # type: ignore[arg-type]
    assert any("kept within 1–5 score" in n for n in spec.notes)


def test_best_fit_is_exactly_the_better_of_the_two_fits() -> None:
    # fit_best scores both starting grids in one pass; each fit must come out as it does
    # on its own, to the last bit (a seasonal, a trending and a noisy series).
    rng = np.random.default_rng(7)
    t = np.arange(48, dtype=float)
    for values in (50 + 5 * np.sin(t / 3), 10 + 0.4 * t + rng.normal(0, 1, 48),
                   rng.normal(100, 8, 48)):
        linear, damped = fit_holt(values), fit_damped(values)
        expected = damped if damped.aicc < linear.aicc else linear
        assert fit_best(values) == expected
