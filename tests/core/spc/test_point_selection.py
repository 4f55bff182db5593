"""Which points a --baseline / --exclude list names: labels, point numbers, label ranges."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.table_input import select_points


def test_labels_point_numbers_and_positional_ranges() -> None:
    labels = ["A7", "B2", "C9", "D1", "E5"]
    assert select_points("B2", labels, "Baseline") == ["B2"]
    assert select_points("1-2,5", labels, "Baseline") == ["A7", "B2", "E5"]
    # Labels that are neither dates nor numbers: the range runs by position.
    assert select_points("B2..D1", labels, "Baseline") == ["B2", "C9", "D1"]
    assert select_points("..B2, D1..", labels, "Baseline") == ["A7", "B2", "D1", "E5"]
    with pytest.raises(OpsdeskError, match="'Z1' is not the label"):
        select_points("A7..Z1", labels, "Baseline")


def test_numeric_labels_compare_as_numbers_and_a_label_wins() -> None:
    labels = ["101", "102", "103", "104", "3"]
    assert select_points("101.5..103", labels, "Excluded") == ["102", "103"]
    assert select_points("3", labels, "Excluded") == ["3"]  # the label, not point 3
    assert select_points("2", labels, "Excluded") == ["102"]  # no label 2: point 2


def test_dates_months_and_times() -> None:
    labels = ["2026-01-31", "2026-02-01", "2026-02-28T16:00", "2026-03-01"]
    # A month as the upper end means to its last moment.
    assert select_points("2026-02..2026-02", labels, "Baseline") == labels[1:3]
    assert select_points("2026-01-31..2026-02-28", labels, "Baseline") == labels[:3]
    assert select_points("2026-02-28T12:00..", labels, "Baseline") == labels[2:]
