"""Nested gage R&R against Montgomery's two-stage nested design example."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.nested import nested_anova
from opsdesk.core.msa.study import gage_study

# Montgomery, Design and Analysis of Experiments (5th ed. 2001 and later), Example 14.1:
# purity of raw material, 3 suppliers (here the operators), 4 batches each (the parts
# nested in them), 3 determinations per batch (the trials); coded data of Table 14.3.
PURITY = {
    "1": [[1, -1, 0], [-2, -3, -4], [-2, 0, 1], [1, 4, 0]],
    "2": [[1, -2, -3], [0, 4, 2], [-1, 0, -2], [0, 3, 2]],
    "3": [[2, 4, 0], [-2, 0, 2], [1, -1, 2], [3, 2, 1]],
}


def _columns() -> tuple[list[str], list[str], list[float]]:
    parts, ops, vals = [], [], []
    for supplier, batches in PURITY.items():
        for b, obs in enumerate(batches, 1):
            for v in obs:
                parts.append(f"{supplier}-{b}")
                ops.append(supplier)
                vals.append(float(v))
    return parts, ops, vals


def test_nested_anova_matches_montgomery_table_14_4() -> None:
    # Table 14.4: Suppliers SS 15.06 (df 2, MS 7.53, F 0.97, P 0.42); Batches (within
    # suppliers) SS 69.92 (df 9, MS 7.77, F 2.94, P 0.02); Error SS 63.33 (df 24, MS
    # 2.64); Total 148.31 (df 35). Variance components (p. 565): sigma2 = 2.64,
    # sigma2_batch = (7.77 - 2.64) / 3 = 1.71; the suppliers' estimate is negative, so 0.
    result = nested_anova(gage_study(*_columns(), nested=True))
    oper, part, error, total = result.anova[0]
    assert (oper.df, part.df, error.df, total.df) == (2, 9, 24, 35)
    assert (oper.ss, part.ss, error.ss, total.ss) == pytest.approx(
        (15.06, 69.92, 63.33, 148.31), abs=6e-3)
    assert (oper.ms, part.ms, error.ms) == pytest.approx((7.53, 7.77, 2.64), abs=6e-3)
    assert (oper.f, part.f) == pytest.approx((0.97, 2.94), abs=6e-3)
    assert (oper.p, part.p) == pytest.approx((0.42, 0.02), abs=6e-3)
    assert result.component("repeatability").variance == pytest.approx(2.64, abs=6e-3)
    assert result.component("part").variance == pytest.approx(1.71, abs=6e-3)
    assert result.component("operator").variance == 0.0
    assert result.components["operator_x_part"] is None
    assert result.method == "nested"


def test_part_measured_by_two_operators_refused() -> None:
    parts, ops, vals = _columns()
    ops[0] = "2"
    with pytest.raises(OpsdeskError, match="one operator"):
        gage_study(parts, ops, vals, nested=True)
