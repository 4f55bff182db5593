"""Hotelling's T² chart for p quality characteristics, individual or subgrouped
(Montgomery ISQC 6th ed., sections 11.3.1-11.3.2; Tracy, Young & Mason 1992, J. Quality
Technology 24(2); Minitab's Tsquared chart).

Individuals, m points estimating the mean vector and the covariance matrix S (sample
covariance): T²_i = (x_i - x-bar)' S^-1 (x_i - x-bar). Phase I (the points that estimated
them): UCL = (m - 1)^2 / m * B(1 - alpha; p/2, (m - p - 1)/2), the beta limit; phase II
(points after the baseline, or excluded from it): UCL = p (m + 1)(m - 1) / (m^2 - m p) *
F(1 - alpha; p, m - p).

Subgroups of n: T²_j = n (x-bar_j - x-double-bar)' S-bar^-1 (x-bar_j - x-double-bar),
S-bar the mean of the subgroups' covariance matrices. Phase I (Alt 1985): UCL =
p (m - 1)(n - 1) / (m n - m - p + 1) * F(1 - alpha; p, m n - m - p + 1); phase II: the
same with (m + 1) for (m - 1).

alpha = 2 Phi(-K) (0.0027 for test 1's K = 3, the false-alarm rate of a 3-sigma chart);
the centre line is the median of the same distribution. Only test 1 (a point above the
UCL) applies: T² has no sides and no zones.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.model import ChartOptions, ChartResult, PanelResult
from opsdesk.core.spc.phases import resolve
from opsdesk.core.spc.subgroups import group_codes
from opsdesk.core.spc.timeweighted import beyond_limits_only


def _inverse(s: np.ndarray) -> np.ndarray:
    cond = np.linalg.cond(s)
    if not np.isfinite(cond) or cond > 1e12:
        raise OpsdeskError("The columns are linearly dependent (or one has no spread), so "
                           "their covariance matrix has no inverse and T² cannot be computed.")
    return np.asarray(np.linalg.inv(s), dtype=float)


def _quadratic(d: np.ndarray, s_inv: np.ndarray) -> np.ndarray:
    return np.asarray(np.einsum("ij,jk,ik->i", d, s_inv, d), dtype=float)


def _alpha(options: ChartOptions) -> float:
    from scipy.stats import norm

    return float(2 * norm.sf(options.rules.requested().get(1, 3.0)))


def hotelling_chart(values: np.ndarray, labels: Sequence[str] | None,
                    row_stages: Sequence[str] | None, options: ChartOptions) -> ChartResult:
    from scipy.stats import beta, f

    x = np.asarray(values, dtype=float)
    if x.ndim != 2 or x.shape[1] < 2:
        raise OpsdeskError("A T² chart needs 2 or more value columns (--value A,B,...).")
    if not np.all(np.isfinite(x)):
        raise OpsdeskError("Every value of a T² chart must be a finite number.")
    if options.mu is not None or options.sigma is not None:
        raise OpsdeskError("A T² chart estimates its mean vector and covariance matrix; "
                           "historical --mu and --sigma do not apply.")
    p = x.shape[1]
    grouped = labels is not None and len(set(labels)) != len(labels)
    if grouped:
        assert labels is not None
        names, code = group_codes(labels)
        sizes = np.bincount(code)
        if np.any(sizes != sizes[0]) or sizes[0] < 2:
            raise OpsdeskError("A T² chart of subgroups needs every subgroup of the same size, "
                               "2 or more.")
        n = int(sizes[0])
        order = np.argsort(code, kind="stable")
        cube = x[order].reshape(len(names), n, p)
        points = cube.mean(axis=1)
        covs = np.einsum("gij,gik->gjk", cube - points[:, None, :],
                         cube - points[:, None, :]) / (n - 1)
        point_labels: list[str] | None = names
        first_rows = order.reshape(len(names), n)[:, 0]
    else:
        n, points, covs = 1, x, None
        point_labels = list(labels) if labels is not None else None
        first_rows = np.arange(len(x))
    count = len(points)
    if row_stages is not None:
        options = replace(options, stages=[str(row_stages[i]) for i in first_rows])
    ph = resolve(count, point_labels, options)
    alpha = _alpha(options)
    t2 = np.empty(count)
    ucl = np.empty(count)
    center = np.empty(count)
    notes: list[str] = []
    for stage, sel in zip(ph.stages, ph.estimate, strict=True):
        idx = np.arange(stage.start, stage.stop)
        est = np.zeros(count, dtype=bool)
        est[sel] = True
        m = int(est.sum())
        mean = points[est].mean(axis=0)
        if covs is None:
            if m <= p + 1:
                raise OpsdeskError(f"A T² chart of {p} variables needs more than {p + 1} "
                                   f"points to estimate its limits; it has {m}.")
            s = np.cov(points[est], rowvar=False, ddof=1)
            k1, d1, d2 = (m - 1) ** 2 / m, p / 2, (m - p - 1) / 2
            phase1 = (k1 * float(beta.ppf(1 - alpha, d1, d2)), k1 * float(beta.ppf(0.5, d1, d2)))
            k2 = p * (m + 1) * (m - 1) / (m * m - m * p)
            phase2 = (k2 * float(f.ppf(1 - alpha, p, m - p)), k2 * float(f.ppf(0.5, p, m - p)))
            how = "individual observations: phase I beta limit, phase II F limit"
        else:
            dof = m * n - m - p + 1
            if dof < 1:
                raise OpsdeskError(f"A T² chart of {p} variables in subgroups of {n} needs "
                                   "more subgroups to estimate its limits.")
            s = covs[est].mean(axis=0)
            c1 = p * (m - 1) * (n - 1) / dof
            c2 = p * (m + 1) * (n - 1) / dof
            phase1 = (c1 * float(f.ppf(1 - alpha, p, dof)), c1 * float(f.ppf(0.5, p, dof)))
            phase2 = (c2 * float(f.ppf(1 - alpha, p, dof)), c2 * float(f.ppf(0.5, p, dof)))
            how = f"subgroups of {n}: F limits, phase I and phase II"
        d = points[idx] - mean
        t2[idx] = n * _quadratic(d, _inverse(s))
        in_phase1 = est[idx]
        ucl[idx] = np.where(in_phase1, phase1[0], phase2[0])
        center[idx] = np.where(in_phase1, phase1[1], phase2[1])
        where = f"Stage {stage.name}: " if len(ph.stages) > 1 else ""
        notes.append(f"{where}T² of {p} variables, {how}; m = {m}, α = {alpha:.4g}; "
                     f"UCL {phase1[0]:.6g} (phase I)"
                     + (f", {phase2[0]:.6g} (phase II)" if not in_phase1.all() else ""))
    panel = PanelResult("t2", "Hotelling T²", t2, center, ucl, np.full(count, np.nan),
                        (ucl - center) / 3, zones=False, y_label="T²")
    beyond_limits_only(panel, options)
    return ChartResult("t2", [panel], count, point_labels, None, ph.excluded, ph.reasons,
                       ph.estimated, ph.stages, options.rules.rule_set, notes=notes,
                       sizes=np.full(count, n) if covs is not None else None)
