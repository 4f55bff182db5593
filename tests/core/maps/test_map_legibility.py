"""What keeps a laid-out map readable: no flow hidden in a lane or pool border, message
flows straight to a pool drawn as a black box, and no caption drawn over a flow."""

from __future__ import annotations

from itertools import pairwise

import pytest

from opsdesk.core.demo import process_maps as demo
from opsdesk.core.maps.diagram import diagram_spec
from opsdesk.core.maps.diagram_spec import Band, DiagramSpec
from opsdesk.core.maps.layout import auto_layout
from opsdesk.core.maps.model import Box, Point, ProcessMap
from tests.core.maps.test_layout import MAPS

DEMOS = {"demo order to cash": demo.order_to_cash({}),
         "demo ML model release": demo.model_release({}),
         "demo AI incident response": demo.incident_response({})}
ALL = {**MAPS, **DEMOS}
# Nearer than this to a border, and parallel to it, a leg reads as the border: 8 units,
# the clearance the router keeps from shapes (routing.CLEAR).
NEAR = 8.0


def _borders(band: Band) -> list[tuple[Point, Point]]:
    """A band's four sides and the inner side of its title strip."""
    b, h = band.box, band.header
    inner = ((Point(h.right, h.y), Point(h.right, h.bottom)) if band.orientation == "horizontal"
             else (Point(h.x, h.bottom), Point(h.right, h.bottom)))
    return [(Point(b.x, b.y), Point(b.right, b.y)), (Point(b.x, b.bottom),
                                                    Point(b.right, b.bottom)),
            (Point(b.x, b.y), Point(b.x, b.bottom)), (Point(b.right, b.y),
                                                     Point(b.right, b.bottom)), inner]


def _along(a: Point, b: Point, c: Point, d: Point) -> bool:
    """Whether leg a-b runs parallel to line c-d, nearer than NEAR, beside it for more
    than one unit."""
    if abs(a.y - b.y) < 1e-6 and abs(c.y - d.y) < 1e-6:
        beside = min(max(a.x, b.x), max(c.x, d.x)) - max(min(a.x, b.x), min(c.x, d.x))
        return abs(a.y - c.y) < NEAR and beside > 1.0
    if abs(a.x - b.x) < 1e-6 and abs(c.x - d.x) < 1e-6:
        beside = min(max(a.y, b.y), max(c.y, d.y)) - max(min(a.y, b.y), min(c.y, d.y))
        return abs(a.x - c.x) < NEAR and beside > 1.0
    return False


def _spec(pmap: ProcessMap) -> DiagramSpec:
    return diagram_spec(auto_layout(pmap))


@pytest.mark.parametrize("name", sorted(ALL))
def test_no_flow_runs_along_a_lane_or_pool_border(name: str) -> None:
    spec = _spec(ALL[name])
    lines = [line for band in spec.bands for line in _borders(band)]
    for c in spec.connectors:
        for a, b in pairwise(c.points):
            hidden = [line for line in lines if _along(a, b, *line)]
            assert not hidden, f"{c.id}: the leg {a} - {b} runs along a border"


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_message_flows_meet_a_black_box_pool_straight(name: str) -> None:
    pmap = DEMOS[name]
    pools = {p.id for p in pmap.pools if not p.process_id}
    spec = _spec(pmap)
    to_pools = [c for c in spec.connectors if c.role == "message"
                and (c.source in pools or c.target in pools)]
    assert to_pools  # each demo map's parties are pools (core/demo/process_maps.py)
    for c in to_pools:
        assert len(c.points) == 2, c.id  # one straight line: nothing stands in the way


def _crosses(a: Point, b: Point, box: Box) -> bool:
    """Whether the orthogonal leg a-b passes through ``box`` (its edges aside)."""
    x0, x1, y0, y1 = min(a.x, b.x), max(a.x, b.x), min(a.y, b.y), max(a.y, b.y)
    return x0 < box.right and box.x < x1 + 1e-9 and y0 < box.bottom and box.y < y1 + 1e-9 \
        and not (x1 <= box.x or x0 >= box.right or y1 <= box.y or y0 >= box.bottom)


@pytest.mark.parametrize("name", ["order to cash", *sorted(DEMOS)])
def test_captions_sit_where_no_flow_runs_and_no_shape_is(name: str) -> None:
    spec = _spec(ALL[name])
    outside = [s for s in spec.shapes if s.role not in ("task", "subprocess", "annotation")]
    assert any(s.text for s in outside)
    for s in outside:
        if not s.text:
            assert s.caption is None
            continue
        assert s.caption is not None, s.id
        for c in spec.connectors:
            for a, b in pairwise(c.points):
                assert not _crosses(a, b, s.caption), f"{c.id} runs over {s.id}'s caption"
        for other in spec.shapes:
            box = other.box
            assert not (box.x < s.caption.right and s.caption.x < box.right
                        and box.y < s.caption.bottom and s.caption.y < box.bottom), (
                f"{s.id}'s caption covers {other.id}")
        # and inside its own lane, clear of the title strip
        lane = min((b for b in spec.bands if b.box.contains(s.box)),
                   key=lambda b: b.box.w * b.box.h, default=None)
        if lane is not None:
            assert lane.box.contains(s.caption), s.id
            assert s.caption.x >= lane.header.right or lane.orientation == "vertical", s.id


@pytest.mark.parametrize("name", sorted(DEMOS))
def test_a_flow_label_sits_beside_its_line_not_on_it(name: str) -> None:
    spec = _spec(DEMOS[name])
    labelled = [c for c in spec.connectors if c.label]
    assert labelled  # gateway branches and messages are named (core/demo/process_maps.py)
    for c in labelled:
        at = c.label_at
        assert at is not None
        for a, b in pairwise(c.points):
            # the nearest a point of the leg comes to the label's anchor
            nx = min(max(at.x, min(a.x, b.x)), max(a.x, b.x))
            ny = min(max(at.y, min(a.y, b.y)), max(a.y, b.y))
            assert abs(at.x - nx) + abs(at.y - ny) >= 3.0, c.id  # diagram.LABEL_GAP
        if c.label_side == "right":  # beside an upright leg, the text starts right of it
            assert any(abs(a.x - b.x) < 1e-6 and at.x > a.x for a, b in pairwise(c.points))
