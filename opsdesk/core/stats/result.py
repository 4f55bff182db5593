"""What a hypothesis test gives back, and how it is said in words."""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from opsdesk.core.errors import OpsdeskError

Alternative = Literal["two-sided", "less", "greater"]
ALTERNATIVES: tuple[Alternative, ...] = ("two-sided", "less", "greater")


def finite(value: float | None) -> float | None:
    """A number for JSON: None for NaN and the infinities."""
    return value if value is not None and math.isfinite(value) else None


def p_text(p: float) -> str:
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def num(value: float) -> str:
    return f"{value:.4g}"


@dataclass(frozen=True)
class GroupSummary:
    name: str
    n: int
    mean: float
    sd: float

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "n": self.n, "mean": self.mean, "sd": finite(self.sd)}


@dataclass(frozen=True)
class Comparison:
    """One pair of a multiple comparison: ``first`` minus ``second``."""

    first: str
    second: str
    difference: float
    ci: tuple[float, float]
    p_value: float

    def as_dict(self) -> dict[str, Any]:
        return {"first": self.first, "second": self.second, "difference": self.difference,
                "ci": list(self.ci), "p_value": self.p_value}


@dataclass(frozen=True)
class TestResult:
    test: str                       # "Welch's two-sample t test", ...
    statistic_name: str             # "t", "F", "χ²", "U", "z", "W"
    statistic: float
    p_value: float
    sentence: str
    alpha: float = 0.05
    alternative: Alternative = "two-sided"
    df: tuple[float, ...] = ()
    estimate: float | None = None   # mean, difference, ... (what ``ci`` is about)
    estimate_name: str = ""
    ci: tuple[float, float] | None = None
    confidence: float = 0.95
    groups: tuple[GroupSummary, ...] = ()
    comparisons: tuple[Comparison, ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def significant(self) -> bool:
        return self.p_value < self.alpha

    def as_dict(self) -> dict[str, Any]:
        return {
            "test": self.test, "statistic_name": self.statistic_name,
            "statistic": finite(self.statistic), "df": [finite(d) for d in self.df],
            "p_value": finite(self.p_value), "alpha": self.alpha,
            "alternative": self.alternative, "significant": self.significant,
            "estimate_name": self.estimate_name or None, "estimate": finite(self.estimate),
            "ci": [finite(v) for v in self.ci] if self.ci else None,
            "confidence": self.confidence,
            "groups": [g.as_dict() for g in self.groups],
            "comparisons": [c.as_dict() for c in self.comparisons],
            "sentence": self.sentence, "notes": list(self.notes),
        }


def sample(values: Sequence[float] | np.ndarray, name: str, minimum: int = 2) -> np.ndarray:
    """A finite 1-D sample of at least ``minimum`` values, or one sentence."""
    x = np.asarray(values, dtype=float)
    if x.ndim != 1:
        raise OpsdeskError(f"{name} must be one column of numbers.")
    bad = np.flatnonzero(~np.isfinite(x))
    if len(bad):
        raise OpsdeskError(f"Value {bad[0] + 1} of {name} is not a finite number.")
    if len(x) < minimum:
        raise OpsdeskError(f"{name} has {len(x)} value{'s' if len(x) != 1 else ''}; this "
                           f"test needs at least {minimum}.")
    return x


def summary(x: np.ndarray, name: str) -> GroupSummary:
    return GroupSummary(name, len(x), float(np.mean(x)),
                        float(np.std(x, ddof=1)) if len(x) > 1 else math.nan)


def check_alpha(alpha: float, alternative: str) -> None:
    if not 0 < alpha < 1:
        raise OpsdeskError(f"The significance level must lie between 0 and 1, not {alpha:g}.")
    if alternative not in ALTERNATIVES:
        raise OpsdeskError(f"Unknown alternative {alternative!r}; use two-sided, less or "
                           "greater.")


def no_spread(x: np.ndarray) -> bool:
    return bool(np.all(x == x[0]))


@contextmanager
def computing(what: str) -> Iterator[None]:
    """Run scipy with its numerical warnings as one sentence (no warning reaches a user)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        try:
            yield
        except RuntimeWarning as warning:
            raise OpsdeskError(f"The {what} cannot be computed reliably: the values are "
                               "nearly identical.") from warning


def check_finite(statistic: float, what: str) -> None:
    if not math.isfinite(statistic):
        raise OpsdeskError(f"The {what} cannot be computed: the data have no spread.")
