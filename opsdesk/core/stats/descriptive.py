"""Descriptive statistics of a column, with a normality test.

Quartiles as Minitab computes them: at positions (n + 1) p of the sorted values, with
linear interpolation (Hyndman & Fan's type 6). Skewness and kurtosis are the adjusted
sample estimates (kurtosis in excess of the normal's 3), as Minitab and Excel give them.
Normality: the Anderson-Darling test of ``opsdesk.core.spc.normality``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from opsdesk.core.spc.normality import Normality, anderson_darling
from opsdesk.core.stats.result import finite, num, sample


@dataclass(frozen=True)
class Descriptive:
    name: str
    n: int
    mean: float
    sd: float
    se_mean: float
    minimum: float
    q1: float
    median: float
    q3: float
    maximum: float
    skewness: float | None      # None below 3 values or without spread
    kurtosis: float | None      # None below 4 values or without spread
    normality: Normality | None  # None below 3 values or without spread

    @property
    def sentence(self) -> str:
        text = (f"{self.name}: {self.n} values, mean {num(self.mean)}, standard deviation "
                f"{num(self.sd)}, median {num(self.median)} (quartiles {num(self.q1)} and "
                f"{num(self.q3)}), from {num(self.minimum)} to {num(self.maximum)}.")
        if self.normality is not None:
            text += f" {self.normality.verdict()}."
        return text

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: finite(getattr(self, k)) for k in (
            "mean", "sd", "se_mean", "minimum", "q1", "median", "q3", "maximum", "skewness",
            "kurtosis")}
        nm = self.normality
        out = {"name": self.name, "n": self.n, **out, "normality": None if nm is None else {
            "test": "Anderson-Darling", "ad": nm.ad, "ad_adjusted": nm.ad_adjusted,
            "p_value": nm.p_value, "normal": nm.normal}, "sentence": self.sentence}
        return out


def describe(values: Sequence[float] | np.ndarray, name: str = "the data") -> Descriptive:
    from scipy.stats import kurtosis, skew

    x = sample(values, name, 1)
    n = len(x)
    sd = float(np.std(x, ddof=1)) if n > 1 else math.nan
    q1, median, q3 = (float(v) for v in np.percentile(x, [25, 50, 75], method="weibull"))
    spread = n > 1 and sd > 0
    return Descriptive(
        name, n, float(np.mean(x)), sd, sd / math.sqrt(n) if n > 1 else math.nan,
        float(x.min()), q1, median, q3, float(x.max()),
        float(skew(x, bias=False)) if spread and n >= 3 else None,
        float(kurtosis(x, bias=False)) if spread and n >= 4 else None,
        anderson_darling(x) if spread and n >= 3 else None)
