"""The demo's value streams, checked by hand against their own data."""

from __future__ import annotations

import pytest

from opsdesk.core.demo.value_streams import brackets_current, brackets_future, claims
from opsdesk.core.maps.vsm_compare import compare
from opsdesk.core.maps.vsm_metrics import compute


def test_brackets_current_is_learning_to_sees_acme_timeline() -> None:
    m = compute(brackets_current())
    # Rother & Shook's Acme numbers: 23.6 days, 188 s (see test_vsm_metrics).
    assert round(m.lead_time_days, 1) == 23.6 and m.processing_time_s == 188
    # Rolled yield: 0.98 × 0.99 = 0.9702.
    assert m.rolled_yield == pytest.approx(0.9702)


def test_brackets_future_against_current() -> None:
    rows = {r.key: r for r in compare(compute(brackets_current()), compute(brackets_future()))}
    # Future: 1.5 + 1.5 + 2 = 5 days; 1 + 55 = 56 s; (1 + 168) s / 60 s = 2.817 operators.
    assert rows["lead_time_days"].future == pytest.approx(5)
    assert rows["processing_time_s"].future == 56
    assert rows["operators_needed"].future == pytest.approx(169 / 60)
    assert rows["lead_time_days"].better and rows["operators_needed"].better


def test_claims_service_stream() -> None:
    m = compute(claims())
    # 1,260 a month / 21 days = 60 a day; 1 shift of 8 h less 1 h = 25,200 s; takt 420 s.
    assert (m.daily_demand, m.available_s_per_shift, m.takt_s) == (60, 25_200, 420)
    # 140/60 + 3 + 90/60 + 2 = 8.833 days; 360 + 400 + 240 + 180 = 1,180 s.
    assert m.lead_time_days == pytest.approx(140 / 60 + 3 + 1.5 + 2)
    assert m.processing_time_s == 1180
    # Assessing: 25,200 × 0.9 / 400 = 56.7 a shift for 60 needed: the constraint.
    assert [s.name for s in m.steps if s.constraint] == ["Assess claim"]
    # Work content (360 + 1,200 + 240 + 180) s / 420 s = 4.714 operators.
    assert m.operators_needed == pytest.approx(1980 / 420)
