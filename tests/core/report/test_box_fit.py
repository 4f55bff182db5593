"""Content cut to a fixed box (``box_fit``): nothing placed ever exceeds the box."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.report import styles
from opsdesk.core.report.box_fit import Picture, Rows, Text, place_blocks

GAP = 3.0


def _used(placed: list) -> float:
    return sum(p.height for p in placed) + GAP * max(0, len(placed) - 1)


def _drawing(width: float, height: float):
    from reportlab.graphics.shapes import Drawing

    return Drawing(width, height)


def test_short_text_is_whole_and_long_text_ends_in_an_ellipsis() -> None:
    body = styles.sheet()["body"]
    placed = place_blocks([Text("Quotes take nine days.", body)], 300, 100, GAP)
    assert len(placed) == 1 and placed[0].flowable.text.endswith("nine days.")
    long = "Quotes wait for pricing in every region. " * 100
    placed = place_blocks([Text(long, body), Text("never reached", body)], 300, 100, GAP)
    assert len(placed) == 1 and placed[0].flowable.text.endswith("…")
    assert _used(placed) <= 100


def test_a_text_left_out_marks_the_one_before_it() -> None:
    body = styles.sheet()["body"]
    # body leading is 12.6 (styles.sheet): two one-line texts and a gap need 28.2 points
    placed = place_blocks([Text("First.", body), Text("Second.", body)], 300, 20, GAP)
    assert len(placed) == 1 and placed[0].flowable.text.endswith("…")


def test_pictures_shrink_so_the_texts_keep_their_room() -> None:
    body = styles.sheet()["body"]
    blocks = [Picture(_drawing, 400, 40), Text("The benefits line stays.", body)]
    placed = place_blocks(blocks, 300, 120, GAP)
    assert len(placed) == 2 and "benefits" in placed[1].flowable.text
    assert _used(placed) <= 120


def test_a_small_picture_is_drawn_whole_under_its_minimum() -> None:
    placed = place_blocks([Picture(_drawing, 50, 140)], 300, 400, GAP)
    assert [p.height for p in placed] == [50]


def test_rows_that_do_not_fit_are_counted() -> None:
    rows = tuple((f"Action {n}", "Ada") for n in range(40))
    block = Rows(("Action", "Owner"), rows, (0.7, 0.3), "… and {n} more actions.",
                 styles.sheet()["small"])
    placed = place_blocks([block], 300, 120, GAP)
    assert len(placed) == 2 and "more actions." in placed[1].flowable.text
    assert _used(placed) <= 120 + 2  # the table's 2-point gap above its note


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(0, 600), min_size=1, max_size=6), st.floats(15, 400),
       st.floats(60, 400))
def test_nothing_placed_exceeds_the_box(lengths: list[int], height: float,
                                        width: float) -> None:
    body = styles.sheet()["body"]
    blocks = [Text(("word " * n).strip() or "x", body) for n in lengths]
    assert _used(place_blocks(blocks, width, height, GAP)) <= height + 1e-6
