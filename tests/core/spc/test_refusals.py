"""Impossible parameters and data with no spread are refused with one sentence.

Every case here used to draw a chart (reversed or collapsed limits, a NaN index) or to
raise a RuntimeWarning; the pytest configuration turns any warning into a failure.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import ChartOptions, control_chart
from opsdesk.core.spc.capability import capability
from opsdesk.core.spc.spread import NoSpread

VALUES = [10.2, 9.8, 10.5, 9.9, 10.1, 10.4, 9.6, 10.0, 10.3, 9.7]
COUNTS = [3.0, 1.0, 4.0, 1.0, 5.0, 2.0, 2.0, 3.0]
SIZES = [50.0] * 8


def _refused(chart: str, sentence: str, values: list[float] = VALUES, **kwargs: object) -> None:
    sizes = kwargs.pop("sizes", None)
    labels = kwargs.pop("labels", None)
    with pytest.raises(OpsdeskError) as caught:
        control_chart(chart, values, sizes=sizes, labels=labels,  # type: ignore[arg-type]
                      options=ChartOptions(**kwargs))  # type: ignore[arg-type]
    assert str(caught.value) == sentence


@pytest.mark.parametrize("chart", ["i-mr", "ewma", "cusum"])
@pytest.mark.parametrize("sigma", [-1.0, 0.0])
def test_a_historical_sigma_must_be_above_zero(chart: str, sigma: float) -> None:
    # -1 used to reverse the limits (UCL 7 under LCL 13: every point failed test 1)
    _refused(chart, f"The historical sigma is {sigma:g}; it must be more than 0.",
             mu=10.0, sigma=sigma)


@pytest.mark.parametrize("width", [-3.0, 0.0])
def test_the_ewma_limit_width_must_be_above_zero(width: float) -> None:
    _refused("ewma", f"The EWMA limit width (L) is {width:g}; it must be more than 0.",
             limit_width=width)


def test_a_nan_mean_is_refused() -> None:
    _refused("i-mr", "The historical mean (mu) is nan, outside the range opsdesk accepts "
             "(from -1e15 to 1e15).", mu=math.nan, sigma=1.0)


@pytest.mark.parametrize(("chart", "mu", "what"), [
    ("c", -2.0, "count c̄"), ("c", 0.0, "count c̄"), ("u", -0.5, "defects per unit ū"),
    ("laney-u", 0.0, "defects per unit ū"),
])
def test_a_historical_count_must_be_above_zero(chart: str, mu: float, what: str) -> None:
    # a negative c-bar used to take the square root of a negative number (RuntimeWarning)
    _refused(chart, f"The historical average {what} (mu) is {mu:g}; it must be more than 0.",
             COUNTS, sizes=SIZES, mu=mu)


@pytest.mark.parametrize(("chart", "mu"), [("p", 1.5), ("p", 0.0), ("np", 1.0),
                                           ("laney-p", -0.1)])
def test_a_historical_proportion_must_lie_between_0_and_1(chart: str, mu: float) -> None:
    # p with mu 1.5 used to say "The average proportion is 0 or 1"
    _refused(chart, f"The historical average proportion (mu) is {mu:g}; it must lie "
             "between 0 and 1.", COUNTS, sizes=SIZES, mu=mu)


@pytest.mark.parametrize(("lsl", "usl"), [(math.nan, 12.0), (8.0, math.nan)])
def test_a_nan_spec_limit_is_refused(lsl: float, usl: float) -> None:
    with pytest.raises(OpsdeskError, match="spec limit is nan, outside the range"):
        capability(np.array(VALUES), 0.3, lsl, usl)


FLAT = [5.0] * 20
NO_SPREAD = "The data have no spread ({}), so there are no control limits to draw."


@pytest.mark.parametrize("chart", ["i-mr", "ewma", "cusum"])
def test_no_spread_individuals(chart: str) -> None:
    # CUSUM divided by a sigma of 0 (a RuntimeWarning and an empty chart); the others
    # drew limits on the centre line, every point "15 in a row within 1 sigma"
    _refused(chart, NO_SPREAD.format("every moving range is 0"), FLAT)


@pytest.mark.parametrize("chart", ["xbar-r", "xbar-s", "ewma", "cusum"])
def test_no_spread_subgroups(chart: str) -> None:
    labels = [str(i // 4) for i in range(20)]
    _refused(chart, NO_SPREAD.format("every subgroup's values are equal"), FLAT, labels=labels)


def test_no_spread_attributes() -> None:
    zeros = [0.0] * 8
    _refused("c", NO_SPREAD.format("there is no defect"), zeros)
    _refused("u", NO_SPREAD.format("there is no defect"), zeros, sizes=SIZES)
    _refused("p", NO_SPREAD.format("the average proportion is 0"), zeros, sizes=SIZES)
    _refused("np", NO_SPREAD.format("the average proportion is 1"), SIZES, sizes=SIZES)


def test_no_spread_names_the_stage() -> None:
    values = VALUES + [3.0] * 10
    stages = ["A"] * 10 + ["B"] * 10
    with pytest.raises(NoSpread) as caught:
        control_chart("i-mr", values, options=ChartOptions(stages=stages))
    assert str(caught.value) == ("The data have no spread in stage B (every moving range is "
                                 "0), so there are no control limits to draw.")


def test_a_flat_kpi_is_judged_by_nothing() -> None:
    from opsdesk.core.kpi.signals import individuals

    assert individuals(np.array(FLAT), "nelson") is None
    assert individuals(np.array(VALUES), "nelson") is not None
