"""Agreement beyond chance: Cohen's kappa (two ratings of each item) and Fleiss' kappa
(m ratings of each item).

Cohen (1960), *Educ. Psychol. Meas.* 20: kappa = (p_o - p_e) / (1 - p_e) on the square
table of the two ratings; its standard error when kappa = 0 (for the z test) and its
large-sample standard error are those of Fleiss, Cohen & Everitt (1969), *Psychol. Bull.*
72(5), as SAS PROC FREQ prints them.

Fleiss (1971), *Psychol. Bull.* 76(5): with n_ij the number of the m ratings of item i in
category j, P_i = (sum_j n_ij^2 - m) / (m (m - 1)), p_j = sum_i n_ij / (N m),
kappa = (mean P_i - sum p_j^2) / (1 - sum p_j^2); its standard error under kappa = 0 is
Fleiss, Nee & Landis (1979), *Psychol. Bull.* 86(5), as Minitab's attribute agreement
analysis uses it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from opsdesk.core.errors import OpsdeskError


@dataclass(frozen=True)
class Kappa:
    kappa: float | None         # None: no variation to agree on (one category only)
    se0: float | None           # standard error when the true kappa is 0
    z: float | None
    p_value: float | None       # one-sided, kappa > 0 (Minitab's "P vs > 0")
    se: float | None = None     # large-sample standard error (Cohen's only)

    def as_dict(self) -> dict[str, float | None]:
        return {"kappa": self.kappa, "se0": self.se0, "z": self.z, "p_value": self.p_value,
                "se": self.se}


def _test(kappa: float, se0: float) -> tuple[float | None, float | None]:
    from scipy.stats import norm

    if not se0 > 0:
        return None, None
    z = kappa / se0
    return z, float(norm.sf(z))


def cohen_kappa_table(table: Sequence[Sequence[float]] | np.ndarray) -> Kappa:
    """Cohen's kappa of a square table: rows one rating, columns the other."""
    t = np.asarray(table, dtype=float)
    if t.ndim != 2 or t.shape[0] != t.shape[1] or t.sum() <= 0:
        raise OpsdeskError("Cohen's kappa needs a square table of counts.")
    n = float(t.sum())
    p = t / n
    rows, cols = p.sum(axis=1), p.sum(axis=0)
    po = float(np.trace(p))
    pe = float(rows @ cols)
    if pe >= 1:
        return Kappa(None, None, None, None)
    kappa = (po - pe) / (1 - pe)
    # Fleiss, Cohen & Everitt (1969): variance under H0 and the asymptotic variance
    var0 = (pe + pe ** 2 - float(np.sum(rows * cols * (rows + cols)))) / (n * (1 - pe) ** 2)
    diag = np.diag(p)
    a = float(np.sum(diag * (1 - (rows + cols) * (1 - kappa)) ** 2))
    off = p * (cols[:, None] + rows[None, :]) ** 2
    np.fill_diagonal(off, 0.0)
    b = (1 - kappa) ** 2 * float(off.sum())
    c = (kappa - pe * (1 - kappa)) ** 2
    var = (a + b - c) / (n * (1 - pe) ** 2)
    se0 = math.sqrt(max(var0, 0.0))
    z, pv = _test(kappa, se0)
    return Kappa(kappa, se0, z, pv, math.sqrt(max(var, 0.0)))


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> Kappa:
    """Cohen's kappa of two ratings of the same items."""
    if len(first) != len(second) or not first:
        raise OpsdeskError("Cohen's kappa needs two ratings of the same items.")
    cats = sorted(set(first) | set(second))
    index = {c: i for i, c in enumerate(cats)}
    table = np.zeros((len(cats), len(cats)))
    for a, b in zip(first, second, strict=True):
        table[index[a], index[b]] += 1
    return cohen_kappa_table(table)


def fleiss_kappa_counts(counts: Sequence[Sequence[float]] | np.ndarray) -> Kappa:
    """Fleiss' kappa of an items x categories table of counts, m ratings per item."""
    c = np.asarray(counts, dtype=float)
    if c.ndim != 2 or c.shape[0] < 1:
        raise OpsdeskError("Fleiss' kappa needs a table of counts per item and category.")
    m_per = c.sum(axis=1)
    m = float(m_per[0])
    if m < 2 or np.any(m_per != m):
        raise OpsdeskError("Fleiss' kappa needs the same number of ratings (2 or more) of "
                           "every item.")
    n_items = c.shape[0]
    pj = c.sum(axis=0) / (n_items * m)
    p_i = (np.sum(c ** 2, axis=1) - m) / (m * (m - 1))
    pe = float(np.sum(pj ** 2))
    if pe >= 1:
        return Kappa(None, None, None, None)
    kappa = (float(p_i.mean()) - pe) / (1 - pe)
    pq = pj * (1 - pj)
    spq = float(pq.sum())
    var0 = 2 / (n_items * m * (m - 1)) * (spq ** 2 - float(np.sum(pq * (1 - 2 * pj)))) / spq ** 2
    se0 = math.sqrt(max(var0, 0.0))
    z, pv = _test(kappa, se0)
    return Kappa(kappa, se0, z, pv)


def fleiss_kappa(ratings: Sequence[Sequence[str]]) -> Kappa:
    """Fleiss' kappa of ``ratings[i]``, the m ratings of item i."""
    cats = sorted({r for row in ratings for r in row})
    index = {c: j for j, c in enumerate(cats)}
    counts = np.zeros((len(ratings), len(cats)))
    for i, row in enumerate(ratings):
        for rating in row:
            counts[i, index[rating]] += 1
    return fleiss_kappa_counts(counts)
