"""Distributions fitted to a process, the best chosen by Anderson-Darling, and capability
by the percentile method.

Fits by maximum likelihood with the location at 0 (scipy.stats): normal (the sample mean
and standard deviation, as the normality test), lognormal (mean and standard deviation of
ln x, in closed form), Weibull, gamma, exponential (its scale the mean). The
Anderson-Darling statistic of each fit, A² = -n - (1/n) sum (2i - 1) [ln F(x_i) +
ln(1 - F(x_(n+1-i)))] (Stephens 1974), ranks them: the smallest A² fits best, as in
Minitab's Individual Distribution Identification.

Percentile method (ISO 22514-2:2017, the "l" location and "d" dispersion of the
percentiles; Minitab's non-normal capability): with X_q the fitted q-quantile,
Pp = (USL - LSL) / (X_0.99865 - X_0.00135), PPU = (USL - X_0.5) / (X_0.99865 - X_0.5),
PPL = (X_0.5 - LSL) / (X_0.5 - X_0.00135), Ppk = min(PPL, PPU); the expected PPM from
the fitted distribution's tails.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.capability import Ppm

DISTRIBUTIONS = ("normal", "lognormal", "weibull", "gamma", "exponential")
POSITIVE = ("lognormal", "weibull", "gamma", "exponential")
LOW, MID, HIGH = 0.00135, 0.5, 0.99865


@dataclass(frozen=True)
class Fit:
    distribution: str
    params: dict[str, float]   # loc-free: shape, scale (or mean, sd; or mu, sigma of ln x)
    ad: float                  # Anderson-Darling A² against the fitted distribution

    def _frozen(self) -> Any:
        from scipy import stats

        p = self.params
        if self.distribution == "normal":
            return stats.norm(p["mean"], p["sd"])
        if self.distribution == "lognormal":
            return stats.lognorm(p["sigma"], scale=math.exp(p["mu"]))
        if self.distribution == "weibull":
            return stats.weibull_min(p["shape"], scale=p["scale"])
        if self.distribution == "gamma":
            return stats.gamma(p["shape"], scale=p["scale"])
        return stats.expon(scale=p["scale"])

    def ppf(self, q: float) -> float:
        return float(self._frozen().ppf(q))

    def quantiles(self, q: np.ndarray) -> np.ndarray:
        return np.asarray(self._frozen().ppf(q), dtype=float)

    def cdf(self, x: float) -> float:
        return float(self._frozen().cdf(x))

    def sf(self, x: float) -> float:
        return float(self._frozen().sf(x))

    def pdf(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(self._frozen().pdf(x), dtype=float)

    def describe(self) -> str:
        params = ", ".join(f"{k} {v:.5g}" for k, v in self.params.items())
        return f"{self.distribution} ({params}), Anderson-Darling A² = {self.ad:.3f}"


def weibull_fit(values: np.ndarray) -> tuple[float, float]:
    """(shape, scale) by maximum likelihood, the location at 0: the shape k solves
    sum(x^k ln x) / sum(x^k) - 1/k - mean(ln x) = 0 (one root, increasing in k), and the
    scale is mean(x^k)^(1/k)."""
    from scipy.optimize import brentq

    x = np.asarray(values, dtype=float)
    u = x / x.max()                 # the equation is scale-free; this keeps u^k <= 1
    logs = np.log(u)
    mean_log = float(np.mean(logs))

    def score(k: float) -> float:
        w = u ** k
        return float(np.sum(w * logs) / np.sum(w)) - 1 / k - mean_log

    low, high = 1e-3, 1.0
    while score(high) < 0 and high < 1e6:
        high *= 2
    shape = float(brentq(score, low, high, xtol=1e-14, rtol=1e-14, maxiter=500))
    scale = float(x.max() * np.mean(u ** shape) ** (1 / shape))
    return shape, scale


def ad_statistic(sorted_x: np.ndarray, frozen: Any) -> float:
    n = len(sorted_x)
    i = np.arange(1, n + 1)
    with np.errstate(divide="ignore"):
        terms = (2 * i - 1) * (frozen.logcdf(sorted_x) + frozen.logsf(sorted_x[::-1]))
    value = float(-n - np.sum(terms) / n)
    return value if math.isfinite(value) else math.inf


def fit(values: np.ndarray, distribution: str) -> Fit:
    from scipy import stats

    x = np.sort(np.asarray(values, dtype=float))
    if distribution not in DISTRIBUTIONS:
        raise OpsdeskError(f"Unknown distribution {distribution!r}; use one of "
                           f"{', '.join(DISTRIBUTIONS)}.")
    if distribution in POSITIVE and np.any(x <= 0):
        raise OpsdeskError(f"A {distribution} distribution needs values above 0; "
                           f"{x[0]:g} is not.")
    if distribution == "normal":
        params = {"mean": float(np.mean(x)), "sd": float(np.std(x, ddof=1))}
    elif distribution == "lognormal":
        logs = np.log(x)
        params = {"mu": float(np.mean(logs)), "sigma": float(np.std(logs, ddof=0))}
    elif distribution == "exponential":
        params = {"scale": float(np.mean(x))}
    elif distribution == "weibull":
        shape, scale = weibull_fit(x)
        params = {"shape": shape, "scale": scale}
    else:
        shape, _loc, scale = stats.gamma.fit(x, floc=0)
        params = {"shape": float(shape), "scale": float(scale)}
    if not all(v > 0 for k, v in params.items() if k not in ("mean", "mu")):
        raise OpsdeskError("The data have no spread, so no distribution can be fitted.")
    probe = Fit(distribution, params, 0.0)
    return Fit(distribution, params, ad_statistic(x, probe._frozen()))


def fit_all(values: np.ndarray) -> tuple[list[Fit], list[str]]:
    """Every distribution that applies, best (smallest A²) first, and what was left out."""
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if len(x) < 3 or np.all(x == x[0]):
        raise OpsdeskError("Fitting distributions needs at least 3 values that are not all "
                           "equal.")
    fits = []
    notes = []
    for name in DISTRIBUTIONS:
        if name in POSITIVE and np.any(x <= 0):
            notes.append(f"The {name} distribution is not fitted: it needs values above 0.")
            continue
        fits.append(fit(x, name))
    return sorted(fits, key=lambda f: f.ad), notes


@dataclass(frozen=True)
class PercentileCapability:
    fit: Fit
    lsl: float | None
    usl: float | None
    x_low: float     # X_0.00135
    x_mid: float     # X_0.5
    x_high: float    # X_0.99865
    pp: float | None
    ppl: float | None
    ppu: float | None
    ppk: float | None
    ppm_expected: Ppm
    others: tuple[Fit, ...] = ()   # the other fits, best first
    notes: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "distribution": self.fit.distribution, "params": dict(self.fit.params),
            "ad": self.fit.ad, "lsl": self.lsl, "usl": self.usl,
            "percentiles": {"0.135": self.x_low, "50": self.x_mid, "99.865": self.x_high},
            "pp": self.pp, "ppl": self.ppl, "ppu": self.ppu, "ppk": self.ppk,
            "ppm_expected": self.ppm_expected.as_dict(),
            "fits": [{"distribution": f.distribution, "ad": f.ad if math.isfinite(f.ad)
                      else None} for f in (self.fit, *self.others)],
            "notes": list(self.notes),
        }


def percentile_capability(values: np.ndarray, lsl: float | None, usl: float | None,
                          distribution: str = "best") -> PercentileCapability:
    """Capability by the percentile method on the named (or best-fitting) distribution."""
    if lsl is None and usl is None:
        raise OpsdeskError("Capability needs a lower or an upper spec limit (or both).")
    if lsl is not None and usl is not None and lsl >= usl:
        raise OpsdeskError(f"The lower spec limit {lsl:g} must be below the upper {usl:g}.")
    fits, notes = fit_all(values)
    if distribution == "best":
        chosen, others = fits[0], tuple(fits[1:])
        notes.append(f"Best fit by Anderson-Darling: {chosen.describe()}.")
    else:
        found = next((f for f in fits if f.distribution == distribution), None)
        # not among the fits: fit() says why (an unknown name, values at or below 0)
        chosen = found or fit(np.asarray(values, dtype=float), distribution)
        others = tuple(f for f in fits if f is not chosen)
    lo, mid, hi = chosen.ppf(LOW), chosen.ppf(MID), chosen.ppf(HIGH)
    ppu = (usl - mid) / (hi - mid) if usl is not None else None
    ppl = (mid - lsl) / (mid - lo) if lsl is not None else None
    pp = (usl - lsl) / (hi - lo) if usl is not None and lsl is not None else None
    ppk = min(v for v in (ppl, ppu) if v is not None)
    below = chosen.cdf(lsl) * 1e6 if lsl is not None else None
    above = chosen.sf(usl) * 1e6 if usl is not None else None
    notes.append("Indices by the percentile method (ISO 22514-2): the fitted 0.135 %, 50 % "
                 "and 99.865 % points take the place of mean ± 3σ.")
    return PercentileCapability(chosen, lsl, usl, lo, mid, hi, pp, ppl, ppu, ppk,
                                Ppm(below, above, (below or 0.0) + (above or 0.0)), others,
                                tuple(notes))
