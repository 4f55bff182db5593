"""SPC signals on a KPI's period values: the SPC engine's individuals chart.

Each completed period value is one point; the limits are the individuals chart's
(centre = mean, sigma = MR-bar / d2(2)), computed for each stage of the KPI's chart when
it has stages (a known change starts a new stage), and the tests are those of the KPI's
rule set. A KPI is flagged when its latest period fails a test: a special cause, not noise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.ranges import VALUE_LIMIT

# Fewer points than this give moving-range limits too loose to mean much.
MIN_POINTS = 4


@dataclass(frozen=True)
class StageLimits:
    name: str
    start: int  # first point index
    stop: int   # one past the last
    center: float
    lcl: float
    ucl: float


@dataclass(frozen=True)
class IndividualsResult:
    center: float  # the last stage's centre line and limits
    lcl: float
    ucl: float
    sigma_statement: str
    signals: tuple[tuple[int, tuple[int, ...], tuple[str, ...]], ...]  # (index, tests, reasons)
    stages: tuple[StageLimits, ...] = ()  # each stage's limits (one when not staged)
    stage_notes: tuple[str, ...] = ()     # each stage's sigma, when there are several
    tests: tuple[tuple[int, float], ...] = ()  # the tests applied, with their K


def individuals(values: np.ndarray, rule_set: str,
                stages: Sequence[str] | None = None) -> IndividualsResult | None:
    """The individuals chart of ``values`` (None with fewer than MIN_POINTS points, or with
    a value outside ``ranges``, or with a stage whose values do not vary: no limits);
    ``stages`` names each point's stage (a new one starts where the name changes)."""
    from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
    from opsdesk.core.spc.spread import NoSpread

    x = np.asarray(values, dtype=float)
    if len(x) < MIN_POINTS or not bool(np.all(np.abs(x) <= VALUE_LIMIT)):
        return None  # values outside the accepted range (another program's) judge nothing
    options = ChartOptions(rules=RuleConfig(rule_set),
                           stages=list(stages) if stages is not None else None)
    try:
        chart = control_chart("i-mr", x, options=options)
    except NoSpread:
        return None
    panel = chart.panel("i")
    signals = tuple((i, tuple(tests), tuple(panel.reasons(i))) for i, tests in panel.signals())
    statement = chart.sigma.statement if chart.sigma else ""
    limits = tuple(StageLimits(s.name, s.start, s.stop, float(panel.center[s.start]),
                               float(panel.lcl[s.start]), float(panel.ucl[s.start]))
                   for s in chart.stages)
    return IndividualsResult(float(panel.center[-1]), float(panel.lcl[-1]),
                             float(panel.ucl[-1]), statement, signals, limits,
                             tuple(chart.notes) if len(limits) > 1 else (),
                             tuple(panel.tests.items()))


ChartOf = Callable[[np.ndarray, str, Sequence[str] | None], IndividualsResult | None]


class IndividualsMemo:
    """``individuals`` remembered by values, rule set and stages, for one piece of work
    that asks twice (a report judges each KPI, then draws its trend chart from the same
    values). Keep one per build, not per process: the data can change between builds."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, bytes, tuple[str, ...] | None],
                          IndividualsResult | None] = {}

    def __call__(self, values: np.ndarray, rule_set: str,
                 stages: Sequence[str] | None = None) -> IndividualsResult | None:
        key = (rule_set, np.asarray(values, dtype=float).tobytes(),
               tuple(stages) if stages is not None else None)
        if key not in self._found:
            self._found[key] = individuals(values, rule_set, stages)
        return self._found[key]


def latest_signals(values: np.ndarray, rule_set: str, chart_of: ChartOf = individuals,
                   stages: Sequence[str] | None = None) -> tuple[int, ...]:
    """The tests the last value fails (empty when it is common-cause variation)."""
    result = chart_of(values, rule_set, stages)
    if result is None or not result.signals:
        return ()
    index, tests, _ = result.signals[-1]
    return tests if index == len(values) - 1 else ()
