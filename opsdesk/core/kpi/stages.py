"""Stages of a KPI's chart, and the shift a chart without the right stages shows.

A known change in the process (a new line, a new supplier) starts a stage: an annotation
marked as starting one, from the period that holds its date on. Each stage gets control
limits of its own, as Minitab's "stages" option gives them, so the points after the change
are judged against the process as it now is, not against one set of limits across both.

When more than a quarter of a stage's points signal, that stage most likely holds a shift:
its limits describe neither process. ``likely_shifts`` says where, as the single change in
mean that explains the most (least squares: the split of the stage that minimises the sum
of squared deviations from each side's mean, the maximum-likelihood change point for one
shift in the mean of normal data; Hinkley 1970, Biometrika 57(1)).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from opsdesk.core.kpi.definitions import Kpi
from opsdesk.core.kpi.periods import label, start_of
from opsdesk.core.kpi.signals import MIN_POINTS, IndividualsResult

SHIFT_SHARE = 0.25  # more signalling points than this share: the stage has likely shifted


@dataclass(frozen=True)
class Staging:
    labels: tuple[str, ...] | None  # each period's stage; None: one stage
    notes: tuple[str, ...] = ()     # stage starts not (yet) applied, and why


def stage_labels(kpi: Kpi, starts: Sequence[date]) -> Staging:
    """The stage of each period starting at ``starts`` (sorted), named after the period it
    starts in and the annotation that starts it. A stage of fewer than MIN_POINTS periods
    stays part of the one before (its own limits would rest on too few moving ranges):
    the newest stage gets its limits once it has MIN_POINTS periods."""
    if not kpi.stages or not starts:
        return Staging(None)
    freq = kpi.frequency
    first = starts[0]
    begins: dict[date, str] = {}  # period start -> the texts starting a stage in it
    for stage in kpi.stages:
        begin = max(first, start_of(date.fromisoformat(stage.day), freq))
        begins[begin] = f"{begins[begin]}; {stage.text}" if begin in begins else stage.text
    # index of the first period of each stage, with the name it goes by
    cuts: list[tuple[int, str]] = [(0, f"from {label(first, freq)}")]
    short: list[str] = []
    for begin, text in sorted(begins.items()):
        index = next((i for i, s in enumerate(starts) if s >= begin), len(starts))
        if index == 0:
            cuts[0] = (0, f"from {label(first, freq)} ({text})")
        elif index == len(starts):
            short.append(f"from {label(begin, freq)} ({text})")
        elif index - cuts[-1][0] < MIN_POINTS:
            short.append(f"from {label(starts[index], freq)} ({text})")
        else:
            cuts.append((index, f"from {label(starts[index], freq)} ({text})"))
    while len(cuts) > 1 and len(starts) - cuts[-1][0] < MIN_POINTS:
        short.append(cuts.pop()[1])
    notes = tuple(f"The stage {name} is not drawn on its own: a stage needs {MIN_POINTS} "
                  "periods of its own for its limits, so its periods are judged with the "
                  "stage before it." for name in sorted(short))
    if len(cuts) == 1:
        return Staging(None, notes)
    out: list[str] = []
    for k, (index, name) in enumerate(cuts):
        stop = cuts[k + 1][0] if k + 1 < len(cuts) else len(starts)
        out += [name] * (stop - index)
    return Staging(tuple(out), notes)


@dataclass(frozen=True)
class Shift:
    stage: str        # the stage it lies in ("" when the chart has one stage)
    index: int        # the first point after the shift
    before: float     # the means before and after it
    after: float
    signalled: int    # the stage's points that signal, of
    points: int


def change_point(values: np.ndarray, least: int = MIN_POINTS) -> int | None:
    """The index k (at least ``least`` points on each side) that minimises
    SSE(values[:k]) + SSE(values[k:]); None when there is no such split."""
    y = np.asarray(values, dtype=float)
    n = len(y)
    if n < 2 * least:
        return None
    k = np.arange(least, n - least + 1)
    total, squares = np.cumsum(y), np.cumsum(y * y)
    left = squares[k - 1] - total[k - 1] ** 2 / k
    right = (squares[-1] - squares[k - 1]) - (total[-1] - total[k - 1]) ** 2 / (n - k)
    return int(k[int(np.argmin(left + right))])


def likely_shifts(values: np.ndarray, chart: IndividualsResult) -> list[Shift]:
    """The shift in each stage of ``chart`` where more than SHIFT_SHARE of the points
    signal (see the module's docstring)."""
    signalled = np.zeros(len(values), dtype=bool)
    for index, _, _ in chart.signals:
        signalled[index] = True
    out: list[Shift] = []
    for stage in chart.stages:
        points = stage.stop - stage.start
        count = int(signalled[stage.start:stage.stop].sum())
        if points == 0 or count <= SHIFT_SHARE * points:
            continue
        part = np.asarray(values[stage.start:stage.stop], dtype=float)
        k = change_point(part)
        if k is None:
            continue
        name = stage.name if len(chart.stages) > 1 else ""
        out.append(Shift(name, stage.start + k, float(part[:k].mean()), float(part[k:].mean()),
                         count, points))
    return out


def shift_text(kpi: Kpi, found: Shift, period: str) -> str:
    """The warning a shift gets on the KPI's page and in the PDF."""
    from opsdesk.core.kpi.formatting import fmt

    share = 100 * found.signalled / found.points
    where = f" of the stage {found.stage}" if found.stage else ""
    return (f"{found.signalled} of the {found.points} points{where} ({share:.0f} %) signal: the "
            f"process has likely shifted, around {period} (mean {fmt(kpi, found.before, True)} "
            f"before, {fmt(kpi, found.after, True)} from then on), so one set of limits "
            "describes neither part. If the process changed then, start a stage there: each "
            "part is then judged against limits of its own.")
