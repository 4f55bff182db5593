"""Holt's linear method checked against a hand calculation and the closed-form variance
of Hyndman & Athanasopoulos, *Forecasting: Principles and Practice* (2nd ed.), Table 7.8."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from opsdesk.core.kpi.forecast import HoltFit, fit_holt, holt_filter, next_period_forecast, predict


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
