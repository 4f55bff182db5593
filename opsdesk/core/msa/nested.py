"""Nested gage R&R (parts nested within operators: destructive tests).

The model y = mu + O_i + P_j(i) + e with random effects; o operators, p parts each, r
trials (Montgomery, *Design and Analysis of Experiments*, section 14.1, the two-stage
nested design; Minitab "Methods and formulas" for Gage R&R Study (Nested)):

    sigma2_repeat = MS_E,  sigma2_part = (MS_P(O) - MS_E) / r,
    sigma2_operator = (MS_O - MS_P(O)) / (p r),

F for operators against MS_P(O), for parts against MS_E. Negative estimates are set to 0.
There is no operator x part interaction: each part meets one operator.
"""

from __future__ import annotations

import numpy as np

from opsdesk.core.msa.crossed import _f_row
from opsdesk.core.msa.result import AnovaRow, GageResult, build
from opsdesk.core.msa.study import GageStudy


def nested_anova(study: GageStudy, tolerance: float | None = None) -> GageResult:
    x = study.values
    o, p, r = study.shape
    grand = float(x.mean())
    op_mean = x.mean(axis=(1, 2))
    part_mean = x.mean(axis=2)
    ss_o = p * r * float(np.sum((op_mean - grand) ** 2))
    ss_p = r * float(np.sum((part_mean - op_mean[:, None]) ** 2))
    ss_e = float(np.sum((x - part_mean[:, :, None]) ** 2))
    df_o, df_p, df_e = o - 1, o * (p - 1), o * p * (r - 1)
    ms_p, ms_e = ss_p / df_p, ss_e / df_e
    n = o * p * r
    table = (_f_row("Operator", df_o, ss_o, ms_p, df_p),
             _f_row("Part (operator)", df_p, ss_p, ms_e, df_e),
             AnovaRow("Repeatability", df_e, ss_e, ms_e),
             AnovaRow("Total", n - 1, ss_o + ss_p + ss_e, (ss_o + ss_p + ss_e) / (n - 1)))
    var_oper = max((ss_o / df_o - ms_p) / (p * r), 0.0)
    var_part = max((ms_p - ms_e) / r, 0.0)
    grr = ms_e + var_oper
    variances: dict[str, float | None] = {
        "repeatability": ms_e, "reproducibility": var_oper, "operator": var_oper,
        "operator_x_part": None, "gage_rr": grr, "part": var_part, "total": grr + var_part}
    return build("nested", variances, tolerance, anova=(table,),
                 notes=["Parts nested within operators: each part is measured by one "
                        "operator, so there is no operator × part interaction."])
