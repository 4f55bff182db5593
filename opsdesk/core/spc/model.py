"""What a control chart takes (options) and what it gives back (results)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from opsdesk.core.spc.rules import RuleConfig, describe, signal_list

CHART_TYPES = ("xbar-r", "xbar-s", "i-mr", "run", "p", "np", "c", "u",
               "laney-p", "laney-u", "ewma", "cusum")
# Charts computed from a table (opsdesk spc) beyond the ones the KPI pages offer:
# between/within, rare events, short runs, multivariate, moving average.
MORE_CHART_TYPES = ("i-mr-r", "i-mr-s", "g", "t", "z-mr", "t2", "ma")
ALL_CHART_TYPES = CHART_TYPES + MORE_CHART_TYPES

CHART_NAMES = {
    "xbar-r": "X̄-R chart", "xbar-s": "X̄-S chart", "i-mr": "I-MR chart", "run": "Run chart",
    "p": "p chart", "np": "np chart", "c": "c chart", "u": "u chart",
    "laney-p": "Laney p′ chart", "laney-u": "Laney u′ chart",
    "ewma": "EWMA chart", "cusum": "CUSUM chart",
    "i-mr-r": "I-MR-R (between/within) chart", "i-mr-s": "I-MR-S (between/within) chart",
    "g": "g chart", "t": "t chart", "z-mr": "Z-MR chart", "t2": "Hotelling T² chart",
    "ma": "Moving average chart",
}


@dataclass(frozen=True)
class ChartOptions:
    """How to compute a chart. Labels refer to point labels (subgroup labels)."""

    rules: RuleConfig = field(default_factory=RuleConfig)
    baseline: frozenset[str] = frozenset()       # empty: every point estimates the limits
    exclusions: Mapping[str, str] = field(default_factory=dict)  # label -> reason
    stages: Sequence[str] | None = None          # stage name per point (a new stage starts
                                                 # where the name changes)
    mu: float | None = None                      # historical centre (p-bar, c-bar for attributes)
    sigma: float | None = None                   # historical process sigma
    sigma_method: str = "default"                # "default" or "pooled" (X-bar charts),
                                                 # "by-part" (Z-MR)
    lam: float = 0.2                             # EWMA weight
    limit_width: float = 3.0                     # EWMA L
    k: float = 0.5                               # CUSUM reference value, sigma units
    h: float = 5.0                               # CUSUM decision interval, sigma units
    span: int = 3                                # moving average: means averaged
    distribution: str = "weibull"                # t chart: "weibull" or "exponential"


@dataclass(frozen=True)
class SigmaEstimate:
    method: str                 # short name: "Rbar", "Sbar", "pooled", "MRbar", "historical", ...
    value: float                # process sigma (the first stage's, when stages differ)
    constants: dict[str, float]
    statement: str              # one sentence shown on the chart

    @classmethod
    def historical(cls, sigma: float) -> SigmaEstimate:
        """A sigma typed in by the user rather than estimated from the data."""
        return cls("historical", sigma, {}, f"σ = {sigma:g} (historical, typed in)")

    def as_dict(self) -> dict[str, object]:
        return {"method": self.statement, "value": self.value, "constants": self.constants}


@dataclass
class PanelResult:
    """One plotted statistic with its centre, limits and the run-rule verdicts.

    Arrays are aligned with the chart's points; NaN marks "no value" (the first moving
    range) or "no limit". ``sigma`` is the standard deviation of the plotted statistic at
    each point, which sets the 1- and 2-sigma zones.
    """

    name: str
    title: str
    values: np.ndarray
    center: np.ndarray
    ucl: np.ndarray
    lcl: np.ndarray
    sigma: np.ndarray
    tests: dict[int, float] = field(default_factory=dict)
    failed: Mapping[int, np.ndarray] = field(default_factory=dict)
    zones: bool = True           # draw 1- and 2-sigma zones (symmetric statistics)
    y_label: str = ""
    limit_text: str | None = None  # test 1 worded as "beyond the limits" (EWMA, CUSUM)
    skipped: tuple[int, ...] = ()  # tests asked for that this kind of panel cannot apply

    def signals(self) -> list[tuple[int, list[int]]]:
        return signal_list(self.failed)

    def reasons(self, index: int) -> list[str]:
        return [self.limit_text if t == 1 and self.limit_text else describe(t, self.tests[t])
                for t in sorted(self.failed) if self.failed[t][index]]


@dataclass(frozen=True)
class Stage:
    name: str
    start: int  # first point index
    stop: int   # one past the last


@dataclass(frozen=True)
class RunsResult:
    """Anhøj's runs analysis of a run chart."""

    useful: int
    longest_run: int
    longest_run_max: int
    crossings: int
    crossings_min: int

    @property
    def signal(self) -> bool:
        return self.longest_run > self.longest_run_max or self.crossings < self.crossings_min


@dataclass
class ChartResult:
    chart: str
    panels: list[PanelResult]
    n_points: int
    label_list: Sequence[str] | None       # None: points are labelled 1..n
    sigma: SigmaEstimate | None
    excluded: np.ndarray                   # bool per point: plotted, not in the limits
    exclusion_reasons: dict[int, str]
    estimated: np.ndarray                  # bool per point: used to estimate the limits
    stages: list[Stage]
    rule_set: str
    runs: list[RunsResult] = field(default_factory=list)  # run charts: one per stage
    notes: list[str] = field(default_factory=list)
    sizes: np.ndarray | None = None        # subgroup sizes / sample sizes where relevant

    def label(self, index: int) -> str:
        return self.label_list[index] if self.label_list is not None else str(index + 1)

    def labels(self) -> list[str]:
        if self.label_list is not None:
            return list(self.label_list)
        return [str(i + 1) for i in range(self.n_points)]

    def panel(self, name: str) -> PanelResult:
        for p in self.panels:
            if p.name == name:
                return p
        raise KeyError(name)
