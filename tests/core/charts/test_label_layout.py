"""The label layout's geometry, by hand on small frames (y grows downwards)."""

from __future__ import annotations

import numpy as np

from opsdesk.core.charts.label_layout import Layout, along_line, around_point


def test_a_line_blocks_the_cells_it_crosses_and_only_those() -> None:
    # The diagonal from (0, 0) to (300, 200): at x = 150 it is at y = 100.
    layout = Layout(300, 200, cell=3.0)
    layout.add_line(np.array([0.0, 300.0]), np.array([0.0, 200.0]))
    layout.finish()
    assert not layout.free((140, 90, 160, 110))                 # on the line
    assert layout.free((140, 90, 160, 110), cross_lines=True)   # no point or text there
    assert layout.free((10, 150, 40, 160))                      # well below it
    assert layout.free((200, 20, 260, 40))                      # well above it


def test_a_dense_line_blocks_its_whole_envelope() -> None:
    # 100,000 points zig-zagging between y = 40 and y = 60 across 100 px: the ink fills
    # that strip, nothing above or below it.
    layout = Layout(100, 100, cell=2.0)
    x = np.linspace(0, 100, 100_000)
    layout.add_line(x, np.where(np.arange(100_000) % 2 == 0, 40.0, 60.0))
    layout.finish()
    assert not layout.free((10, 45, 20, 55))
    assert layout.free((10, 20, 20, 36)) and layout.free((10, 64, 20, 80))


def test_points_texts_and_the_frame() -> None:
    layout = Layout(100, 100, cell=1.0)
    layout.add_points(np.array([50.0]), np.array([50.0]), 4.0)
    layout.finish()
    assert not layout.free((48, 48, 60, 60))                     # covers the marker
    assert not layout.free((48, 48, 60, 60), cross_lines=True)   # points are never crossed
    assert layout.free((56, 40, 70, 45))
    layout.take((56, 40, 70, 45))
    assert not layout.free((60, 42, 80, 50))                      # overlaps that text
    # Texts keep more than a space apart (TEXT_GAP = 4): 2 to the right of that text's
    # end is too close, 5 is not.
    assert not layout.free((72, 40, 86, 45))
    assert layout.free((75, 40, 89, 45))
    assert not layout.inside((90, 10, 110, 20))                   # past the right edge


def test_candidates_go_in_order_of_preference() -> None:
    # A point at (50, 50): its first choice, above right, is taken by a text; the next,
    # above left, is free.
    layout = Layout(100, 100, cell=1.0)
    layout.add_points(np.array([50.0]), np.array([50.0]), 3.0)
    layout.finish()
    cands = around_point(50, 50, 10, 6, 3.0)
    layout.take(cands[0])
    assert layout.place(cands) == 1
    # none free and not a must: nothing is taken
    full = Layout(20, 20, cell=1.0)
    full.add_points(np.array([10.0]), np.array([10.0]), 10.0)
    full.finish()
    assert full.place(around_point(10, 10, 30, 6, 1.0)) is None
    assert full.place(along_line(10, 8, 4, 20), must=True) == 0


def test_along_a_line_the_left_end_comes_first_then_the_right() -> None:
    boxes = along_line(50, 20, 6, 200, 3)
    assert boxes[0] == (3, 41, 23, 47) and boxes[1] == (3, 53, 23, 59)     # above, below
    assert boxes[2][0] == 200 - 3 - 20                                    # the right end
