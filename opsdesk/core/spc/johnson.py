"""The Johnson transformation to normality, selected as Minitab does (Chou, Polansky &
Mason 1998, "Transforming non-normal data to normality in statistical process control",
*J. Quality Technology* 30(2); Minitab "Methods and formulas" for Johnson Transformation).

For each z from 0.25 to 1.25 in steps of 0.01 the data's percentiles at Phi(-3z),
Phi(-z), Phi(z), Phi(3z) give m = x(3z) - x(z), n = x(-z) - x(-3z), p = x(z) - x(-z), and
the Johnson SU (m n / p^2 > 1), SB (< 1) and SL families' parameters by the percentile
estimates of Slifker & Shapiro (1980), *Technometrics* 22(2):

    SU: z = gamma + eta asinh((x - eps) / lam)
    SB: z = gamma + eta ln((x - eps) / (lam + eps - x)),  eps < x < eps + lam
    SL: z = gamma + eta ln(x - eps),                        eps < x

Each candidate transforms the data; the one whose transformed data have the largest
Anderson-Darling p-value is chosen, when that p-value is above 0.10 (Minitab's default);
otherwise no Johnson transformation fits. Percentiles are taken at positions (n + 1) q
with linear interpolation (Minitab's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.normality import anderson_darling

P_CRITERION = 0.10
Z_GRID = np.round(np.arange(0.25, 1.2501, 0.01), 2)


@dataclass(frozen=True)
class Johnson:
    family: str      # "SU", "SB" or "SL"
    gamma: float
    eta: float
    eps: float
    lam: float       # 1 for SL (no scale)
    z: float         # the z whose percentiles estimated the parameters
    p_value: float   # Anderson-Darling p-value of the transformed data
    ad: float

    def inside(self, x: float) -> bool:
        if self.family == "SB":
            return self.eps < x < self.eps + self.lam
        if self.family == "SL":
            return x > self.eps
        return math.isfinite(x)

    def apply(self, x: np.ndarray | float) -> np.ndarray:
        v = np.asarray(x, dtype=float)
        if self.family == "SU":
            return np.asarray(self.gamma + self.eta * np.arcsinh((v - self.eps) / self.lam))
        if self.family == "SB":
            return np.asarray(self.gamma + self.eta * np.log((v - self.eps)
                                                            / (self.lam + self.eps - v)))
        return np.asarray(self.gamma + self.eta * np.log(v - self.eps))

    def statement(self) -> str:
        if self.family == "SU":
            f = (f"{self.gamma:.5g} + {self.eta:.5g} × asinh((x − {self.eps:.5g}) / "
                 f"{self.lam:.5g})")
        elif self.family == "SB":
            f = (f"{self.gamma:.5g} + {self.eta:.5g} × ln((x − {self.eps:.5g}) / "
                 f"({self.lam + self.eps:.5g} − x))")
        else:
            f = f"{self.gamma:.5g} + {self.eta:.5g} × ln(x − {self.eps:.5g})"
        return (f"Johnson transformation ({self.family}, z = {self.z:.2f}): {f}; "
                f"Anderson-Darling p = {self.p_value:.3f} after transforming")


def _quantiles(sorted_x: np.ndarray, q: np.ndarray) -> np.ndarray:
    return np.asarray(np.percentile(sorted_x, q * 100, method="weibull"), dtype=float)


def candidates(x3n: float, xn: float, xp: float, x3p: float, z: float
               ) -> list[tuple[str, float, float, float, float]]:
    """(family, gamma, eta, eps, lam) from the percentiles at -3z, -z, z, 3z."""
    m, n, p = x3p - xp, xn - x3n, xp - xn
    out: list[tuple[str, float, float, float, float]] = []
    if not (m > 0 and n > 0 and p > 0):
        return out
    mp, np_ = m / p, n / p
    qr = m * n / p ** 2
    with np.errstate(all="ignore"):
        if qr > 1:  # SU
            eta = 2 * z / math.acosh(0.5 * (mp + np_))
            root = math.sqrt(mp * np_ - 1)
            gamma = eta * math.asinh((np_ - mp) / (2 * root))
            lam = 2 * p * root / ((mp + np_ - 2) * math.sqrt(mp + np_ + 2))
            eps = (xp + xn) / 2 + p * (np_ - mp) / (2 * (mp + np_ - 2))
            out.append(("SU", gamma, eta, eps, lam))
        elif qr < 1:  # SB
            pm, pn = p / m, p / n
            inner = (1 + pm) * (1 + pn)
            if inner > 4 and pm * pn > 1:
                eta = z / math.acosh(0.5 * math.sqrt(inner))
                gamma = eta * math.asinh((pn - pm) * math.sqrt(inner - 4)
                                         / (2 * (pm * pn - 1)))
                lam = p * math.sqrt((inner - 2) ** 2 - 4) / (pm * pn - 1)
                eps = (xp + xn) / 2 - lam / 2 + p * (pn - pm) / (2 * (pm * pn - 1))
                out.append(("SB", gamma, eta, eps, lam))
        if mp > 1:  # SL is the boundary case; Minitab weighs it too
            eta = 2 * z / math.log(mp)
            gamma = eta * math.log((mp - 1) / (p * math.sqrt(mp)))
            eps = (xp + xn) / 2 - (p / 2) * (mp + 1) / (mp - 1)
            out.append(("SL", gamma, eta, eps, 1.0))
    return [c for c in out if all(math.isfinite(v) for v in c[1:]) and c[2] > 0 and c[4] > 0]


def johnson(values: np.ndarray, criterion: float = P_CRITERION) -> Johnson:
    """The best Johnson transformation of ``values``, or one sentence when none fits."""
    from scipy.stats import norm

    x = np.sort(np.asarray(values, dtype=float)[np.isfinite(values)])
    if len(x) < 8:
        raise OpsdeskError("The Johnson transformation needs at least 8 values.")
    if np.all(x == x[0]):
        raise OpsdeskError("All values are equal, so there is nothing to transform.")
    best: Johnson | None = None
    for z in Z_GRID:
        x3n, xn, xp, x3p = (float(q) for q in
                            _quantiles(x, norm.cdf(np.array([-3 * z, -z, z, 3 * z]))))
        for family, gamma, eta, eps, lam in candidates(x3n, xn, xp, x3p, float(z)):
            trial = Johnson(family, gamma, eta, eps, lam, float(z), 0.0, 0.0)
            if not (trial.inside(float(x[0])) and trial.inside(float(x[-1]))):
                continue
            t = trial.apply(x)
            if not np.all(np.isfinite(t)) or np.all(t == t[0]):
                continue
            nm = anderson_darling(t)
            if best is None or nm.p_value > best.p_value:
                best = Johnson(family, gamma, eta, eps, lam, float(z), nm.p_value, nm.ad)
    if best is None or best.p_value <= criterion:
        raise OpsdeskError("No Johnson transformation makes these data normal (the best "
                           f"Anderson-Darling p-value is not above {criterion:g}).")
    return best
