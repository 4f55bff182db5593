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
    """The tests the last value fails (empty when it is common-cause variation).

    With the plain ``individuals`` (no memo whose charts are drawn later), only what the
    last point's verdict rests on is computed (``last_point_tests``)."""
    if chart_of is individuals:
        return last_point_tests(values, rule_set, stages)
    result = chart_of(values, rule_set, stages)
    if result is None or not result.signals:
        return ()
    index, tests, _ = result.signals[-1]
    return tests if index == len(values) - 1 else ()



Series = tuple[np.ndarray, str, Sequence[str] | None]  # values, rule set, stages


def last_point_tests(values: np.ndarray, rule_set: str,
                     stages: Sequence[str] | None = None) -> tuple[int, ...]:
    """The tests the last point fails on the individuals chart of ``values``: what
    ``individuals`` finds there, without the rest of the chart (``last_point_tests_many``)."""
    return last_point_tests_many([(values, rule_set, stages)])[0]


@dataclass(frozen=True)
class _Tail:
    tests: dict[int, float]
    values: np.ndarray  # the last stage's last points
    center: float
    sigma: float
    full: bool          # as long as the tests can look back (else: the whole stage)


def _tests(rule_set: str) -> dict[int, float]:
    """The tests an individuals chart applies with this rule set."""
    from opsdesk.core.spc import RuleConfig
    from opsdesk.core.spc.rules import PATTERN_TESTS

    return RuleConfig(rule_set).active(PATTERN_TESTS)


def _tail(values: np.ndarray, rule_set: str, stages: Sequence[str] | None,
          tests_of: dict[str, dict[int, float]]) -> _Tail | None:
    """``tests_of``: the tests of each rule set met so far (asked for where the chart
    reads its rules: after the spread, so an unknown set is refused where it would be)."""
    from opsdesk.core.spc import ChartOptions
    from opsdesk.core.spc.phases import resolve
    from opsdesk.core.spc.spread import NoSpread, require_spread
    from opsdesk.core.spc.variables import moving_ranges, mr_sigma

    x = np.asarray(values, dtype=float)
    if len(x) < MIN_POINTS or not bool(np.all(np.abs(x) <= VALUE_LIMIT)):
        return None
    ph = resolve(len(x), None, ChartOptions(stages=list(stages) if stages is not None
                                            else None))
    mr = moving_ranges(x, ph)
    try:  # as imr_chart: a stage without spread anywhere means no limits at all
        sigmas = [require_spread(mr_sigma(mr, sel), ph.stages, index)
                  for index, sel in enumerate(ph.estimate)]
    except NoSpread:
        return None
    if rule_set not in tests_of:
        tests_of[rule_set] = _tests(rule_set)
    tests = tests_of[rule_set]
    if not tests:
        return None
    last = ph.stages[-1]
    reach = _reach(tests)
    start = max(last.start, last.stop - reach)
    return _Tail(tests, x[start:last.stop], float(np.mean(x[ph.estimate[-1]])), sigmas[-1],
                 last.stop - start == reach)


def _reach(tests: dict[int, float]) -> int:
    """More points than any of ``tests`` looks back over from a point (its K, one more
    for a rise or a fall), so a point at the end of this many is judged as in a longer run."""
    return int(max(tests.values())) + 3


def last_point_tests_many(series: Sequence[Series]) -> list[tuple[int, ...]]:
    """``last_point_tests`` of each series, the tests run once per rule set over every
    series' tail laid end to end.

    The limits are the chart's own (each stage's mean and MR-bar / d2(2), by the engine's
    functions, so a stage without spread still means no limits), and the tests run on the
    last stage's tail alone: a test looks back at most ``_reach`` points, so the last
    point's verdicts on a tail that long are those on the whole stage; and laid end to end
    with other tails of that length, no test reaches from one into the one before (each
    point has the limits of its own series, the same arithmetic as the engine's per-point
    limits). A tail cut short by its stage's start is judged on its own, as the engine
    judges a stage. Scorecards judge hundreds of KPIs: the whole chart of each (every
    point's tests and reasons) cost some ten times more.
    """
    from opsdesk.core.spc.rules import evaluate

    out: list[tuple[int, ...]] = [()] * len(series)
    together: dict[tuple[tuple[int, float], ...], list[tuple[int, _Tail]]] = {}
    tests_of: dict[str, dict[int, float]] = {}
    for index, (values, rule_set, stages) in enumerate(series):
        tail = _tail(values, rule_set, stages, tests_of)
        if tail is None:
            continue
        if not tail.full:
            hits = evaluate(tail.values, tail.center, tail.sigma, tail.tests, finite=True)
            out[index] = tuple(t for t in sorted(tail.tests) if hits[t][-1])
            continue
        together.setdefault(tuple(sorted(tail.tests.items())), []).append((index, tail))
    for tests, tails in together.items():
        x = np.concatenate([t.values for _, t in tails])
        size = [len(t.values) for _, t in tails]
        center = np.repeat([t.center for _, t in tails], size)
        sigma = np.repeat([t.sigma for _, t in tails], size)
        hits = evaluate(x, center, sigma, dict(tests), finite=True)
        ends = np.cumsum(size) - 1
        failed = {t: hits[t][ends] for t, _ in tests}
        for n, (index, _) in enumerate(tails):
            out[index] = tuple(t for t, _ in tests if failed[t][n])
    return out
