"""Pareto analysis against the qcc example and hand calculations."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.pareto import pareto
from tests.core.spc.helpers import column, labels


def test_qcc_order_entry_errors() -> None:
    # The qcc manual's pareto.chart example (Scrucca 2004, J. Stat. Software 11(4)):
    # counts 80, 27, 66, 94, 33 of 300; by hand: 94 = 31.33 %, 80 = 26.67 % (cum 58.00),
    # 66 = 22.00 % (80.00), 33 = 11.00 % (91.00), 27 = 9.00 % (100).
    result = pareto(labels("pareto_errors.csv", "category"),
                    column("pareto_errors.csv", "count"))
    assert result.categories == ["contact num.", "price code", "supplier code", "part num.",
                                 "schedule date"]
    assert result.counts == [94, 80, 66, 33, 27]
    assert result.percent == pytest.approx([31.333, 26.667, 22.0, 11.0, 9.0], abs=1e-3)
    assert result.cumulative_percent == pytest.approx([31.333, 58.0, 80.0, 91.0, 100.0],
                                                      abs=1e-3)


def test_ties_keep_first_appearance() -> None:
    # pareto_ties.csv: A 5, B 12, C 5, D 12 ... ties keep their input order (documented).
    cats = labels("pareto_ties.csv", "category")
    counts = column("pareto_ties.csv", "count")
    result = pareto(cats, counts)
    order = sorted(range(len(cats)), key=lambda i: (-counts[i], i))
    assert result.categories == [cats[i] for i in order]
    assert result.categories[:2] == ["B", "D"]


def test_raw_records_and_other_bucket() -> None:
    # Raw records: a x 6, b x 3, c x 1, d x 1 (11 records)
    records = ["a"] * 6 + ["b"] * 3 + ["c", "d"]
    result = pareto(records, other_below=10)
    # by hand: a 54.5 %, b 27.3 %, c and d 9.1 % each -> "Other" = 2, kept last
    assert result.categories == ["a", "b", "Other"]
    assert result.counts == [6, 3, 2]
    assert result.other_members == ["c", "d"]
    assert result.cumulative_percent[-1] == 100.0


def test_other_stays_last_even_when_large() -> None:
    result = pareto(["a", "b", "c", "d"], [10, 3, 3, 3], other_below=20)
    assert result.categories == ["a", "Other"] and result.counts == [10, 9]


def test_bad_counts() -> None:
    with pytest.raises(OpsdeskError, match="Row 2"):
        pareto(["a", "b"], [1, -2])
    with pytest.raises(OpsdeskError):
        pareto(["a"], [0])
