"""Stepped lines and bands lose only the points that change nothing in the drawing."""

from __future__ import annotations

from opsdesk.core.report.chart_marks import without_inner_points


def test_level_run_keeps_its_ends_and_corners() -> None:
    # A step held over three days, then a rise: (0,5) (1,5) (1,5) (2,5) (2,7) (3,7).
    # By hand: the repeated (1,5) goes, (1,5) and (2,5) lie inside the level run from
    # (0,5); the rise at x = 2 keeps (2,5) and (2,7) as corners.
    points = [0, 5, 1, 5, 1, 5, 2, 5, 2, 7, 3, 7]
    assert without_inner_points([float(v) for v in points]) == [0, 5, 2, 5, 2, 7, 3, 7]


def test_a_run_that_turns_back_keeps_the_turning_point() -> None:
    # (0,1) -> (4,1) -> (2,1) goes out and back: dropping (4,1) would shorten the line.
    assert without_inner_points([0.0, 1.0, 4.0, 1.0, 2.0, 1.0]) == [0.0, 1.0, 4.0, 1.0, 2.0, 1.0]


def test_upright_runs_and_slopes() -> None:
    # (0,0) (0,1) (0,3): one upright run; (1,4) (2,5): a slope keeps every point.
    points = [0.0, 0.0, 0.0, 1.0, 0.0, 3.0, 1.0, 4.0, 2.0, 5.0]
    assert without_inner_points(points) == [0.0, 0.0, 0.0, 3.0, 1.0, 4.0, 2.0, 5.0]
