"""Crossed gage R&R: the ANOVA method and the X̄-R (average and range) method.

ANOVA (AIAG MSA 4th ed., pp. 125-127; Minitab "Methods and formulas" for Gage R&R Study
(Crossed)): the two-way random-effects model with interaction. With o operators, p
parts and r trials, MS the mean squares of part (P), operator (O), operator x part (OP)
and repeatability (E):

    sigma2_repeat = MS_E,  sigma2_OP = (MS_OP - MS_E) / r,
    sigma2_O = (MS_O - MS_OP) / (p r),  sigma2_P = (MS_P - MS_OP) / (o r).

When the interaction's p-value is above ``alpha_interaction`` (AIAG's 0.25) it is pooled
into repeatability: MS_E' = (SS_OP + SS_E) / (df_OP + df_E), sigma2_OP = 0 and MS_OP is
replaced by MS_E' above. Negative estimates are set to 0.

X̄-R (AIAG MSA 4th ed., pp. 118-120): EV = R-double-bar / d2(r); AV = sqrt((X-bar_diff /
d2*(o))^2 - EV^2 / (p r)); PV = R_p / d2*(p); d2*(m) for one subgroup of m is the root
mean square of the range of m normal values, sqrt(d2(m)^2 + d3(m)^2), which is the
tabled d2* (AIAG Appendix C, g = 1). K1, K2, K3 of the manual are 1/d2 and 1/d2*.
"""

from __future__ import annotations

import math

import numpy as np

from opsdesk.core.msa.result import AnovaRow, GageResult, build
from opsdesk.core.msa.study import GageStudy
from opsdesk.core.spc import constants as K

ALPHA_INTERACTION = 0.25  # AIAG MSA: pool the interaction when its p-value is above this


def _f_row(source: str, df: int, ss: float, denom_ms: float, denom_df: int) -> AnovaRow:
    from scipy.stats import f

    ms = ss / df
    if denom_ms > 0:
        stat = ms / denom_ms
        return AnovaRow(source, df, ss, ms, stat, float(f.sf(stat, df, denom_df)))
    return AnovaRow(source, df, ss, ms)


def _sums_of_squares(x: np.ndarray) -> dict[str, float]:
    o, p, r = x.shape
    grand = float(x.mean())
    cell = x.mean(axis=2)
    op_mean = x.mean(axis=(1, 2))
    part_mean = x.mean(axis=(0, 2))
    ss_o = p * r * float(np.sum((op_mean - grand) ** 2))
    ss_p = o * r * float(np.sum((part_mean - grand) ** 2))
    inter = cell - op_mean[:, None] - part_mean[None, :] + grand
    ss_op = r * float(np.sum(inter ** 2))
    ss_e = float(np.sum((x - cell[:, :, None]) ** 2))
    return {"o": ss_o, "p": ss_p, "op": ss_op, "e": ss_e, "total": ss_o + ss_p + ss_op + ss_e}


def crossed_anova(study: GageStudy, tolerance: float | None = None,
                  alpha_interaction: float = ALPHA_INTERACTION) -> GageResult:
    x = study.values
    o, p, r = study.shape
    ss = _sums_of_squares(x)
    df_o, df_p, df_op, df_e = o - 1, p - 1, (o - 1) * (p - 1), o * p * (r - 1)
    ms_op, ms_e = ss["op"] / df_op, ss["e"] / df_e
    total_row = AnovaRow("Total", o * p * r - 1, ss["total"], ss["total"] / (o * p * r - 1))
    inter = _f_row("Operator × part", df_op, ss["op"], ms_e, df_e)
    full = (_f_row("Part", df_p, ss["p"], ms_op, df_op),
            _f_row("Operator", df_o, ss["o"], ms_op, df_op), inter,
            AnovaRow("Repeatability", df_e, ss["e"], ms_e), total_row)
    p_int = inter.p if inter.p is not None else 1.0  # no repeatability error: nothing to test
    pooled = p_int > alpha_interaction
    tables: tuple[tuple[AnovaRow, ...], ...] = (full,)
    if pooled:
        df_e2 = df_op + df_e
        ms_e2 = (ss["op"] + ss["e"]) / df_e2
        reduced = (_f_row("Part", df_p, ss["p"], ms_e2, df_e2),
                   _f_row("Operator", df_o, ss["o"], ms_e2, df_e2),
                   AnovaRow("Repeatability", df_e2, ss["op"] + ss["e"], ms_e2), total_row)
        tables = (full, reduced)
        repeat, var_op, denom = ms_e2, 0.0, ms_e2
        note = (f"The operator × part interaction (p = {p_int:.3f}) is above "
                f"{alpha_interaction:g}, so it is pooled into repeatability (AIAG MSA).")
    else:
        repeat, var_op, denom = ms_e, max((ms_op - ms_e) / r, 0.0), ms_op
        note = (f"The operator × part interaction (p = {p_int:.3f}) is at or below "
                f"{alpha_interaction:g}, so it is kept as a part of reproducibility.")
    var_oper = max((ss["o"] / df_o - denom) / (p * r), 0.0)
    var_part = max((ss["p"] / df_p - denom) / (o * r), 0.0)
    repro = var_oper + var_op
    grr = repeat + repro
    variances: dict[str, float | None] = {
        "repeatability": repeat, "reproducibility": repro, "operator": var_oper,
        "operator_x_part": var_op, "gage_rr": grr, "part": var_part, "total": grr + var_part}
    return build("anova", variances, tolerance, interaction_p=p_int, interaction_pooled=pooled,
                 anova=tables, notes=[note])


def d2_star(m: int) -> float:
    """d2* for one subgroup of ``m``: sqrt(E[R^2]) of the range of m normal values."""
    return math.sqrt(K.d2(m) ** 2 + K.d3(m) ** 2)


def crossed_xbar_r(study: GageStudy, tolerance: float | None = None) -> GageResult:
    x = study.values
    o, p, r = study.shape
    ranges = x.max(axis=2) - x.min(axis=2)          # per operator and part
    r_bar = float(ranges.mean())                    # average of the operators' R-bars
    ev = r_bar / K.d2(r)
    op_means = x.mean(axis=(1, 2))
    x_diff = float(op_means.max() - op_means.min())
    av2 = (x_diff / d2_star(o)) ** 2 - ev ** 2 / (p * r)
    part_means = x.mean(axis=(0, 2))
    r_p = float(part_means.max() - part_means.min())
    pv = r_p / d2_star(p)
    repro = max(av2, 0.0)
    grr = ev ** 2 + repro
    variances: dict[str, float | None] = {
        "repeatability": ev ** 2, "reproducibility": repro, "operator": repro,
        "operator_x_part": None, "gage_rr": grr, "part": pv ** 2, "total": grr + pv ** 2}
    notes = [f"EV = R̿ / d2({r}) = {r_bar:.6g} / {K.d2(r):.4f}; AV from X̄diff = {x_diff:.6g} "
             f"with d2*({o}) = {d2_star(o):.4f}; PV = Rp / d2*({p}) = {r_p:.6g} / "
             f"{d2_star(p):.4f} (AIAG MSA, average and range method)",
             "The X̄-R method does not separate the operator × part interaction."]
    if av2 < 0:
        notes.append("The operator averages differ less than repeatability alone explains, "
                     "so reproducibility is taken as 0 (AIAG MSA).")
    return build("xbar-r", variances, tolerance, notes=notes)
