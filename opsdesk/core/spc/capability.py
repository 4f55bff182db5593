"""Process capability: Cp/Cpk from sigma within, Pp/Ppk from sigma overall, PPM, Z.bench.

Formulas as Minitab documents them ("Methods and formulas" for Normal Capability
Analysis) and Montgomery ISQC chapter 8: Cp = (USL - LSL) / 6 sigma_within,
Cpu = (USL - mean) / 3 sigma_within, Cpl = (mean - LSL) / 3 sigma_within, Cpk = min;
the same with the sample standard deviation give Pp, Ppu, Ppl, Ppk.
Cpm = min(T - LSL, USL - T) / (3 sqrt(sum (x - T)^2 / (n - 1))), T the target
(default the spec midpoint). Confidence intervals: Cp and Pp from the chi-square
distribution, Cpk and Ppk by Bissell's normal approximation, Cpm by Boyles' chi-square
approximation (see capability_intervals.py for the formulas and their sources).
Z.bench is the normal quantile of the total expected fraction out of spec; the sigma
level adds the customary 1.5 shift to Z.bench overall. It is worked out from the
logarithms of the tail fractions, so it stays finite and exact however far the specs
lie (a fraction under 1e-308 is 0 as a float, and its quantile infinite): with one spec
limit it is that limit's distance from the mean in sigmas, as Minitab defines it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError


@dataclass(frozen=True)
class Ppm:
    below: float | None
    above: float | None
    total: float

    def as_dict(self) -> dict[str, float | None]:
        return {"below": self.below, "above": self.above, "total": self.total}


@dataclass(frozen=True)
class Capability:
    n: int
    mean: float
    sigma_within: float
    sigma_overall: float
    lsl: float | None
    usl: float | None
    target: float | None
    cp: float | None
    cpl: float | None
    cpu: float | None
    cpk: float | None
    cpm: float | None
    pp: float | None
    ppl: float | None
    ppu: float | None
    ppk: float | None
    ppm_expected_within: Ppm
    ppm_expected_overall: Ppm
    ppm_observed: Ppm
    z_bench_within: float
    z_bench_overall: float
    sigma_level: float
    cp_ci: tuple[float, float] | None
    cpk_ci: tuple[float, float] | None
    confidence: float = 0.95
    dof_within: int = 0
    notes: list[str] = field(default_factory=list)
    pp_ci: tuple[float, float] | None = None
    ppk_ci: tuple[float, float] | None = None
    cpm_ci: tuple[float, float] | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key in ("n", "mean", "sigma_within", "sigma_overall", "lsl", "usl", "target",
                    "cp", "cpl", "cpu", "cpk", "cpm", "pp", "ppl", "ppu", "ppk",
                    "z_bench_within", "z_bench_overall", "sigma_level", "confidence"):
            out[key] = getattr(self, key)
        out["ppm_expected_within"] = self.ppm_expected_within.as_dict()
        out["ppm_expected_overall"] = self.ppm_expected_overall.as_dict()
        out["ppm_observed"] = self.ppm_observed.as_dict()
        for key in ("cp_ci", "cpk_ci", "pp_ci", "ppk_ci", "cpm_ci"):
            interval = getattr(self, key)
            out[key] = list(interval) if interval else None
        out["notes"] = list(self.notes)
        return out


def _ppm(mean: float, sigma: float, lsl: float | None, usl: float | None) -> Ppm:
    from scipy.stats import norm

    below = float(norm.cdf((lsl - mean) / sigma)) * 1e6 if lsl is not None else None
    above = float(norm.sf((usl - mean) / sigma)) * 1e6 if usl is not None else None
    return Ppm(below, above, (below or 0.0) + (above or 0.0))


def _z_bench(mean: float, sigma: float, lsl: float | None, usl: float | None) -> float:
    """The z of the fraction inside spec, Phi^-1(1 - p_out), from log fractions."""
    from scipy.special import log_ndtr, ndtri_exp

    z_lo = (mean - lsl) / sigma if lsl is not None else math.inf  # LSL's distance, sigmas
    z_hi = (usl - mean) / sigma if usl is not None else math.inf
    log_out = float(np.logaddexp(log_ndtr(-z_lo), log_ndtr(-z_hi)))
    if log_out == -math.inf:  # both tails beyond a float's logarithm: the nearer sets it
        return min(z_lo, z_hi)
    if log_out <= math.log(0.5):  # mostly inside: -Phi^-1 of the (tiny) fraction out
        return float(-ndtri_exp(log_out))
    # mostly outside: p_in = Phi(a) - Phi(-b), a the nearer spec's z (a + b > 0)
    a, b = min(z_lo, z_hi), max(z_lo, z_hi)
    log_a = float(log_ndtr(a))
    log_in = log_a + math.log1p(-math.exp(float(log_ndtr(-b)) - log_a))
    return float(ndtri_exp(log_in))


def capability(values: np.ndarray, sigma_within: float, lsl: float | None,
               usl: float | None, target: float | None = None, *, dof_within: int | None = None,
               confidence: float = 0.95) -> Capability:
    """Capability of ``values`` against the specs; ``sigma_within`` comes from the chart."""
    from opsdesk.core.spc.capability_intervals import (
        bissell_interval,
        chi_square_interval,
        cpm_interval,
    )

    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    if lsl is None and usl is None:
        raise OpsdeskError("Capability needs a lower or an upper spec limit (or both).")
    for value, name in ((lsl, "lower spec limit"), (usl, "upper spec limit"),
                        (target, "target")):  # NaN would make every index NaN
        ranges.check_optional(value, f"The {name}")
    if lsl is not None and usl is not None and lsl >= usl:
        raise OpsdeskError(f"The lower spec limit {lsl:g} must be below the upper {usl:g}.")
    if len(x) < 2:
        raise OpsdeskError("Capability needs at least 2 values.")
    n = len(x)
    mean = float(np.mean(x))
    s = float(np.std(x, ddof=1))
    if not sigma_within > 0 or not s > 0:
        raise OpsdeskError("The data have no spread, so capability cannot be computed.")

    def indices(sig: float) -> tuple[float | None, float | None, float | None, float]:
        lower = (mean - lsl) / (3 * sig) if lsl is not None else None
        upper = (usl - mean) / (3 * sig) if usl is not None else None
        both = (usl - lsl) / (6 * sig) if lsl is not None and usl is not None else None
        k = min(v for v in (lower, upper) if v is not None)
        return both, lower, upper, k

    cp, cpl, cpu, cpk = indices(sigma_within)
    pp, ppl, ppu, ppk = indices(s)
    cpm = None
    if lsl is not None and usl is not None:
        t = (lsl + usl) / 2 if target is None else target
        tau = math.sqrt(float(np.sum((x - t) ** 2)) / (n - 1))
        cpm = min(t - lsl, usl - t) / (3 * tau)
        target = t
    within = _ppm(mean, sigma_within, lsl, usl)
    overall = _ppm(mean, s, lsl, usl)
    observed = Ppm(
        float(np.count_nonzero(x < lsl)) / n * 1e6 if lsl is not None else None,
        float(np.count_nonzero(x > usl)) / n * 1e6 if usl is not None else None,
        float(np.count_nonzero(((x < lsl) if lsl is not None else False)
                               | ((x > usl) if usl is not None else False))) / n * 1e6,
    )
    dof = dof_within if dof_within is not None else n - 1
    cp_ci = chi_square_interval(cp, dof, confidence) if cp is not None else None
    pp_ci = chi_square_interval(pp, n - 1, confidence) if pp is not None else None
    cpm_ci = None
    if cpm is not None and target is not None:
        cpm_ci = cpm_interval(cpm, n, mean, s, target, confidence)
    zb_overall = _z_bench(mean, s, lsl, usl)
    notes = [f"σ within = {sigma_within:.6g} (from the chart), σ overall = sample standard "
             f"deviation = {s:.6g}",
             f"{confidence:.0%} intervals: Cp from χ² with {dof} degrees of freedom, Pp with "
             f"{n - 1}; Cpk and Ppk by Bissell's approximation; Cpm by Boyles'",
             "Sigma level = Z.bench overall + 1.5 (the customary long-term shift)"]
    return Capability(n, mean, sigma_within, s, lsl, usl, target, cp, cpl, cpu, cpk, cpm,
                      pp, ppl, ppu, ppk, within, overall, observed,
                      _z_bench(mean, sigma_within, lsl, usl),
                      zb_overall, zb_overall + 1.5, cp_ci,
                      bissell_interval(cpk, n, dof, confidence), confidence, dof, notes,
                      pp_ci, bissell_interval(ppk, n, n - 1, confidence), cpm_ci)
