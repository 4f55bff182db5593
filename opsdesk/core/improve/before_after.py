"""Before/after with proof: did the change at the implementation date move the KPI?

Three pieces of evidence from the SPC engine, and one verdict in plain words:

1. The KPI's individuals chart with a stage starting in the period that holds the
   implementation date (as a KPI's own stages start, ``kpi.stages``): each side gets its
   own limits, and the after stage's centre line is compared with the before stage's
   limits (and the spread of the limits with each other).
2. A run-rule shift: the points after the change judged against the before stage's
   limits extended (Minitab's "estimate the limits from the before points"), under the
   KPI's rule set; a sustained shift shows as test 2 (a run on one side), 5 or 6, or as
   points beyond a limit (test 1).
3. A two-sample test on the means: Welch's t (``stats.means.two_sample_t``: the
   variances are not assumed equal, as an improvement often changes the spread too),
   two-sided at ``alpha``.

The verdict rests on the test, the charts stand beside it: "Lead time fell from 9.3 to
6.1 days; the shift is statistically clear (p < 0.001)", or "... but the change is not
yet distinguishable from noise (p = 0.31)". Better and worse follow the KPI's direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

import numpy as np

from opsdesk.core.charts import ChartSpec
from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.formatting import fmt
from opsdesk.core.kpi.periods import label, start_of
from opsdesk.core.kpi.signals import MIN_POINTS, StageLimits
from opsdesk.core.spc import ChartOptions, ChartResult, RuleConfig, control_chart
from opsdesk.core.spc.chart_spec import control_chart_spec
from opsdesk.core.stats.means import two_sample_t
from opsdesk.core.stats.result import TestResult, p_text

Kind = Literal["improved", "worsened", "shifted", "not distinguishable", "too few"]
ALPHA = 0.05


@dataclass(frozen=True)
class RuleShift:
    points: int               # points after the change
    signalling: int           # of them, signalling against the before limits
    tests: tuple[int, ...]    # the tests they fail
    side: Literal["above", "below", "both", ""]  # where they lie against the before centre


@dataclass(frozen=True)
class BeforeAfter:
    kind: Kind
    sentence: str              # the verdict in one sentence
    proven: bool               # a statistically clear change in the better direction
    split_label: str           # the first period after the change ("2026-03")
    before_n: int
    after_n: int
    before_mean: float | None = None
    after_mean: float | None = None
    test: TestResult | None = None  # Welch's t: before minus after
    before_limits: StageLimits | None = None
    after_limits: StageLimits | None = None
    limits_text: str = ""
    rule_shift: RuleShift | None = None
    rule_text: str = ""
    chart: ChartSpec | None = None
    result: ChartResult | None = None

    def evidence(self) -> tuple[str, ...]:
        """The sentences beside the verdict: the limits, then the run rules."""
        return tuple(t for t in (self.limits_text, self.rule_text) if t)


def _posix(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()


def _stage(result: ChartResult, index: int) -> StageLimits:
    stage, panel = result.stages[index], result.panel("i")
    return StageLimits(stage.name, stage.start, stage.stop, float(panel.center[stage.start]),
                       float(panel.lcl[stage.start]), float(panel.ucl[stage.start]))


def _better(kpi: Kpi, before: float, after: float) -> bool | None:
    if kpi.direction == "band" or after == before:
        return None
    return (after < before) == (kpi.direction == "lower")


def _limits_text(kpi: Kpi, before: StageLimits, after: StageLimits) -> str:
    def show(value: float) -> str:
        return fmt(kpi, value, True)

    if after.center < before.lcl:
        where = f"below the before stage's lower limit ({show(before.lcl)})"
    elif after.center > before.ucl:
        where = f"above the before stage's upper limit ({show(before.ucl)})"
    else:
        where = (f"within the before stage's limits ({show(before.lcl)} to "
                 f"{show(before.ucl)})")
    text = f"The after stage's centre line ({show(after.center)}) lies {where}"
    width_before, width_after = before.ucl - before.lcl, after.ucl - after.lcl
    if width_before > 0 and abs(width_after / width_before - 1) >= 0.05:
        change = 100 * abs(width_after / width_before - 1)
        text += (f"; its limits are {change:.0f} % "
                 f"{'narrower' if width_after < width_before else 'wider'}")
    return text + "."


def _rule_shift(kpi: Kpi, values: np.ndarray, labels: list[str], split: int) -> RuleShift:
    options = ChartOptions(rules=RuleConfig(kpi.rule_set), baseline=frozenset(labels[:split]))
    panel = control_chart("i-mr", values, labels=labels, options=options).panel("i")
    found = [(i, tests) for i, tests in panel.signals() if i >= split]
    tests = tuple(sorted({t for _, ts in found for t in ts}))
    above = any(values[i] > panel.center[i] for i, _ in found)
    below = any(values[i] < panel.center[i] for i, _ in found)
    side: Literal["above", "below", "both", ""] = (
        "both" if above and below else "above" if above else "below" if below else "")
    return RuleShift(len(values) - split, len(found), tests, side)


def _rule_text(shift: RuleShift) -> str:
    if not shift.signalling:
        return (f"None of the {shift.points} points after the change signals against the "
                "before stage's limits.")
    tests = ("test " if len(shift.tests) == 1 else "tests ") + ", ".join(map(str, shift.tests))
    where = "" if shift.side in ("", "both") else f", {shift.side} the before centre line"
    return (f"Judged against the before stage's limits, {shift.signalling} of the "
            f"{shift.points} points after the change signal ({tests}){where}.")


def _verdict(kpi: Kpi, before: float, after: float, p: float, alpha: float
             ) -> tuple[Kind, str]:
    name = kpi.name
    b, a = fmt(kpi, before), fmt(kpi, after, True)
    moved = ("stayed at " + a if fmt(kpi, before) == fmt(kpi, after)
             else f"{'fell' if after < before else 'rose'} from {b} to {a}")
    better = _better(kpi, before, after)
    if p >= alpha:
        return "not distinguishable", (f"{name} {moved}, but the change is not yet "
                                       f"distinguishable from noise ({p_text(p)}).")
    if better is None:
        return "shifted", f"{name} {moved}; the shift is statistically clear ({p_text(p)})."
    if better:
        return "improved", f"{name} {moved}; the shift is statistically clear ({p_text(p)})."
    return "worsened", (f"{name} {moved}, the wrong way; the shift is statistically clear "
                        f"({p_text(p)}).")


def before_after(kpi: Kpi, periods: Sequence[date], values: Sequence[float],
                 implemented_on: date, alpha: float = ALPHA) -> BeforeAfter:
    """The before/after verdict for ``kpi`` whose period values ``values`` start on
    ``periods`` (sorted), the change made on ``implemented_on``."""
    split_at = start_of(implemented_on, kpi.frequency)
    split_label = label(split_at, kpi.frequency)
    x = np.asarray(values, dtype=float)
    split = int(np.searchsorted(np.asarray([p.toordinal() for p in periods]),
                                split_at.toordinal()))
    n_before, n_after = split, len(x) - split
    if n_before < MIN_POINTS or n_after < MIN_POINTS:
        return BeforeAfter("too few", (
            f"{kpi.name} has {n_before} period{'s' if n_before != 1 else ''} before "
            f"{split_label} and {n_after} from then on: a before/after needs {MIN_POINTS} "
            "on each side."), False, split_label, n_before, n_after)
    labels = [p.isoformat() for p in periods]
    stages = [f"before {split_label}"] * n_before + [f"from {split_label}"] * n_after
    result = control_chart("i-mr", x, labels=labels, options=ChartOptions(
        rules=RuleConfig(kpi.rule_set), stages=stages))
    first, second = _stage(result, 0), _stage(result, 1)
    shift = _rule_shift(kpi, x, labels, split)
    outcome = two_sample_t(x[:split], x[split:], alpha=alpha,
                           names=(f"{kpi.name} before {split_label}",
                                  f"{kpi.name} from {split_label}"))
    m1, m2 = float(x[:split].mean()), float(x[split:].mean())
    kind, sentence = _verdict(kpi, m1, m2, outcome.p_value, alpha)
    chart = control_chart_spec(result, f"{kpi.name}: before and after {split_label}",
                               x=[_posix(p) for p in periods])
    return BeforeAfter(kind, sentence, kind == "improved", split_label, n_before, n_after,
                       m1, m2, outcome, first, second, _limits_text(kpi, first, second),
                       shift, _rule_text(shift), chart, result)
