"""SPC signals on a KPI's period values: the SPC engine's individuals chart.

Each completed period value is one point; the limits are the individuals chart's
(centre = mean, sigma = MR-bar / d2(2)), and the tests are those of the KPI's rule set.
A KPI is flagged when its latest period fails a test: a special cause, not noise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from opsdesk.core.ranges import VALUE_LIMIT

# Fewer points than this give moving-range limits too loose to mean much.
MIN_POINTS = 4


@dataclass(frozen=True)
class IndividualsResult:
    center: float
    lcl: float
    ucl: float
    sigma_statement: str
    signals: tuple[tuple[int, tuple[int, ...], tuple[str, ...]], ...]  # (index, tests, reasons)


def individuals(values: np.ndarray, rule_set: str) -> IndividualsResult | None:
    """The individuals chart of ``values`` (None with fewer than MIN_POINTS points, or with
    a value outside ``ranges``)."""
    from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart

    x = np.asarray(values, dtype=float)
    if len(x) < MIN_POINTS or not bool(np.all(np.abs(x) <= VALUE_LIMIT)):
        return None  # values outside the accepted range (another program's) judge nothing
    chart = control_chart("i-mr", x, options=ChartOptions(rules=RuleConfig(rule_set)))
    panel = chart.panel("i")
    signals = tuple((i, tuple(tests), tuple(panel.reasons(i))) for i, tests in panel.signals())
    statement = chart.sigma.statement if chart.sigma else ""
    return IndividualsResult(float(panel.center[-1]), float(panel.lcl[-1]),
                             float(panel.ucl[-1]), statement, signals)


ChartOf = Callable[[np.ndarray, str], IndividualsResult | None]


class IndividualsMemo:
    """``individuals`` remembered by values and rule set, for one piece of work that asks
    twice (a report judges each KPI, then draws its trend chart from the same values).
    Keep one per build, not per process: the data can change between builds."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, bytes], IndividualsResult | None] = {}

    def __call__(self, values: np.ndarray, rule_set: str) -> IndividualsResult | None:
        key = (rule_set, np.asarray(values, dtype=float).tobytes())
        if key not in self._found:
            self._found[key] = individuals(values, rule_set)
        return self._found[key]


def latest_signals(values: np.ndarray, rule_set: str,
                   chart_of: ChartOf = individuals) -> tuple[int, ...]:
    """The tests the last value fails (empty when it is common-cause variation)."""
    result = chart_of(values, rule_set)
    if result is None or not result.signals:
        return ()
    index, tests, _ = result.signals[-1]
    return tests if index == len(values) - 1 else ()
