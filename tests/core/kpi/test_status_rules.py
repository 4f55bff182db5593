"""The status rules of issue 5, each checked on hand-worked values."""

from __future__ import annotations

from dataclasses import replace

import pytest

from opsdesk.core.kpi.definitions import Kpi, Target
from opsdesk.core.kpi.status import judge, red_threshold, trend

BASE = Kpi(1, "K", "", "process", "", "higher", "monthly", "mean", None, None, None, "", "",
           None, None, None, None, "nelson", "", None, 0, 0)


def kpi(**fields: object) -> Kpi:
    return replace(BASE, **fields)  # type: ignore[arg-type]


T100 = Target("0001-01-01", 100.0)


@pytest.mark.parametrize(("value", "expected"), [
    (100.0, "green"),   # value >= target
    (120.0, "green"),
    (95.0, "amber"),    # 90 <= value < 100 (red threshold 90 % of 100 = 90)
    (90.0, "amber"),    # exactly at the red threshold is still amber
    (89.9, "red"),
])
def test_higher_is_better_default_90_percent(value: float, expected: str) -> None:
    assert red_threshold(kpi(), T100) == 90.0
    assert judge(kpi(), value, T100) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (50.0, "green"), (40.0, "green"),
    (55.0, "amber"),    # red threshold 110 % of 50 = 55
    (55.1, "red"),
])
def test_lower_is_better_default_110_percent(value: float, expected: str) -> None:
    lower = kpi(direction="lower")
    target = Target("0001-01-01", 50.0)
    assert red_threshold(lower, target) == pytest.approx(55.0)
    assert judge(lower, value, target) == expected


def test_red_threshold_as_value_or_percent() -> None:
    by_value = kpi(red_value=80.0)
    assert judge(by_value, 85.0, T100) == "amber"   # 80 <= 85 < 100
    assert judge(by_value, 79.0, T100) == "red"
    by_percent = kpi(red_percent=95.0)              # red below 95 % of 100 = 95
    assert judge(by_percent, 95.0, T100) == "amber"
    assert judge(by_percent, 94.0, T100) == "red"
    lower = kpi(direction="lower", red_value=70.0)
    assert judge(lower, 65.0, Target("x", 60.0)) == "amber"
    assert judge(lower, 71.0, Target("x", 60.0)) == "red"


@pytest.mark.parametrize(("value", "expected"), [
    (10.0, "green"), (15.0, "green"), (20.0, "green"),  # inside [10, 20], edges included
    (9.0, "amber"), (8.0, "amber"),                     # within the margin of 2 below
    (22.0, "amber"),                                    # within the margin above
    (7.9, "red"), (22.1, "red"),
])
def test_band_with_margin(value: float, expected: str) -> None:
    band = kpi(direction="band")
    assert judge(band, value, Target("x", None, 10.0, 20.0, 2.0)) == expected


def test_band_without_margin_has_no_amber() -> None:
    band = kpi(direction="band")
    assert judge(band, 9.99, Target("x", None, 10.0, 20.0)) == "red"
    assert judge(band, 20.0, Target("x", None, 10.0, 20.0)) == "green"


def test_no_target_in_force() -> None:
    assert judge(kpi(), 50.0, None) == "no target"


def test_trend_worded_by_direction() -> None:
    assert trend(kpi(), 105.0, 100.0, T100) == "improving"
    assert trend(kpi(), 95.0, 100.0, T100) == "worsening"
    assert trend(kpi(direction="lower"), 105.0, 100.0, T100) == "worsening"
    assert trend(kpi(direction="lower"), 95.0, 100.0, T100) == "improving"
    # |change| 0.5 <= 1 % of 100: flat
    assert trend(kpi(), 100.5, 100.0, T100) == "flat"
    band, target = kpi(direction="band"), Target("x", None, 10.0, 20.0)
    assert trend(band, 14.0, 12.0, target) == "improving"   # 3 from the middle 15 -> 1
    assert trend(band, 19.5, 18.0, target) == "worsening"   # 3 -> 4.5
