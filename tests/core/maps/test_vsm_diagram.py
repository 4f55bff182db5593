"""The drawn value-stream map (vsm_diagram, vsm_ladder) of Rother & Shook's Acme Stamping
current state (*Learning to See*, 1999; data in tests/core/maps/vsm_examples.acme): its
data boxes, inventories, timeline and totals as the book's map prints them, and the icons'
SVG files against their one definition."""

from __future__ import annotations

import dataclasses
from itertools import pairwise

from opsdesk.core.maps.model import Box
from opsdesk.core.maps.vsm_commands import ImportValueStream
from opsdesk.core.maps.vsm_diagram import VsmDiagram, vsm_diagram
from opsdesk.core.maps.vsm_icon_svg import icon_svg
from opsdesk.core.maps.vsm_icons import ICONS, Ellipse, Poly, Rect, Text
from opsdesk.core.maps.vsm_metrics import VsmSettings, compute
from opsdesk.core.maps.vsm_model import Delay, Inventory, Parallel, Process, ValueStream
from opsdesk.core.maps.vsm_store import load_stream
from opsdesk.core.resources import resource
from opsdesk.core.workspace import Workspace
from tests.core.maps.vsm_examples import acme


def _diagram(stream: ValueStream | None = None, settings: VsmSettings | None = None
             ) -> VsmDiagram:
    stream = stream or acme()
    return vsm_diagram(stream, compute(stream, settings or VsmSettings()))


def _texts(item_prims: tuple[object, ...]) -> list[str]:
    return [p.text for p in item_prims if isinstance(p, Text)]


def test_acme_process_boxes_carry_only_the_data_given() -> None:
    d = _diagram()
    boxes = d.by_role("process")
    assert [b.text for b in boxes] == ["Stamping", "S. Weld #1", "S. Weld #2",
                                       "Assembly #1", "Assembly #2"]
    # The book's stamping data box: C/T 1 s, C/O 1 hour, uptime 85 %, EPE 2 weeks
    # (10 working days); no yield given, so none printed.
    stamping = _texts(boxes[0].prims)
    for line in ("C/T 1 s", "C/O 60 min", "Uptime 85 %", "EPE 10 days", "Operators 1"):
        assert line in stamping
    assert not any(t.startswith(("FPY", "Batch", "Shifts")) for t in stamping)
    # Assembly #1 has no changeover in the book (C/O 0): no C/O line.
    assert not any(t.startswith("C/O") for t in _texts(boxes[3].prims))
    # Left to right in flow order, without overlapping.
    for a, b in pairwise(boxes):
        assert a.box.right < b.box.x


def test_acme_inventories_timeline_and_totals_as_the_book_prints_them() -> None:
    d = _diagram()
    stocks = d.by_role("inventory")
    assert len(stocks) == 6
    # After stamping: 4,600 LH and 2,400 RH, by part as the book's triangle shows them.
    assert _texts(stocks[1].prims) == ["I", "4,600 LH", "2,400 RH"]
    (ladder,) = d.by_role("timeline")
    # Upper rungs: 5 (given), 7,000/920 = 7.6, 1,700/920 = 1.8, 2,450/920 = 2.7,
    # 1,840/920 = 2.0, 4,140/920 = 4.5 days; lower rungs 1, 39, 46, 62, 40 s.
    assert _texts(ladder.prims) == ["5.0 days", "1 s", "7.6 days", "39 s", "1.8 days",
                                    "46 s", "2.7 days", "62 s", "2.0 days", "40 s",
                                    "4.5 days"]
    line = next(p for p in ladder.prims if isinstance(p, Poly))
    levels = sorted({round(p.y) for p in line.points})
    assert len(levels) == 2  # two rungs, joined by vertical steps
    assert all(a.x == b.x or a.y == b.y for a, b in pairwise(line.points))
    (totals,) = d.by_role("totals")
    # 23.6 days lead time and 188 s processing time, the book's totals;
    # PCE 188 / (23.62 × 86,400 s) = 0.0092 %.
    assert _texts(totals.prims) == ["Production lead time", "23.6 days", "Processing time",
                                    "188 s", "PCE", "0.0092 %"]


def test_the_conventions_used_are_printed_under_the_ladder() -> None:
    d = _diagram()
    assert "quantity ÷ daily demand (Learning to See)" in d.conventions[0]
    assert "calendar day (24 h)" in d.conventions[1]
    assert "eVSM" not in d.conventions[1]
    other = _diagram(settings=VsmSettings("next-step", True, "available"))
    assert "next step's cycle time" in other.conventions[0]
    # Available time a day: 2 × (28,800 − 1,200) s = 55,200 s = 15.3 h.
    assert "plus the processing time in days (as eVSM)" in other.conventions[1]
    assert "available time a day (15.3 h)" in other.conventions[1]
    ladder_bottom = d.by_role("timeline")[0].box.bottom
    assert all(c.box.y > ladder_bottom for c in d.by_role("conventions"))


def test_information_flows_from_production_control_and_the_customer_data_box() -> None:
    d = _diagram()
    (control,) = d.by_role("production_control")
    flows = d.by_role("information")
    # Electronic to the supplier and from the customer, one manual schedule per process.
    assert len(flows) == 2 + 5
    (customer,) = d.by_role("customer")
    # 18,400 a month over 20 days = 920 a day; 55,200 s / 920 = 60 s takt (the book's).
    assert {"18,400 / month", "LH 12,000 · RH 6,400", "Takt 60 s"} <= set(
        _texts(customer.prims))
    assert control.box.bottom < min(p.box.y for p in d.by_role("process"))


def test_every_primitive_lies_inside_the_drawing() -> None:
    stream = dataclasses.replace(acme(), flow=(
        *acme().flow[:3],
        Parallel("Welds", ((Process("Weld A", 40), Inventory("A", 100)),
                           (Process("Weld B", 50), Delay("Cure", 1)))),
        *acme().flow[3:]))
    for d in (_diagram(), _diagram(stream)):
        area = Box(0, 0, d.width, d.height)
        for item in d.items:
            for p in item.prims:
                if isinstance(p, Poly):
                    assert all(0 <= q.x <= d.width and 0 <= q.y <= d.height for q in p.points)
                elif isinstance(p, (Rect, Ellipse)):
                    assert area.contains(p.box), item.id
                else:
                    assert 0 <= p.at.x <= d.width and 0 <= p.at.y <= d.height


def test_a_parallel_block_stacks_its_branches_each_with_its_own_ladder() -> None:
    stream = dataclasses.replace(acme(), flow=(
        Process("Cut", 10),
        Parallel("Welds", ((Process("Weld A", 40), Inventory("A", days=2)),
                           (Process("Weld B", 50), Delay("Cure", 1)))),
        Process("Pack", 5)))
    d = _diagram(stream)
    names = {b.text: b.box for b in d.by_role("process")}
    assert names["Weld A"].x == names["Weld B"].x and names["Weld A"].bottom < names["Weld B"].y
    # The longest branch by days: A (2 days, 40 s) over B (1 day, 50 s).
    main = next(i for i in d.by_role("timeline") if i.id == "timeline")
    assert _texts(main.prims) == ["10 s", "2.0 days", "40 s", "5 s"]
    # Each branch's own ladder under it, its totals said, the longest one named.
    welds = {i.id: i for i in d.by_role("timeline") if i.id != "timeline"}
    assert _texts(welds["timeline:Branch 1"].prims) == [
        "40 s", "2.0 days", "Branch 1: 2.0 days, 40 s (longest: the lead time follows it)"]
    assert _texts(welds["timeline:Branch 2"].prims) == [
        "50 s", "1.0 day", "Branch 2: 1.0 day, 50 s"]
    assert welds["timeline:Branch 1"].box.y > names["Weld A"].bottom
    assert welds["timeline:Branch 1"].box.bottom < names["Weld B"].y
    assert main.box.y > welds["timeline:Branch 2"].box.bottom


def test_items_carry_the_stored_element_keys(workspace: Workspace) -> None:
    map_id = workspace.execute(ImportValueStream(acme())).result
    stored = load_stream(workspace.conn, map_id)
    d = vsm_diagram(stored.stream, compute(stored.stream), stored.keys)
    keyed = [i for i in d.items if i.key is not None]
    assert [i.key for i in keyed] == list(stored.keys)
    assert all(k in stored.node_ids for k in stored.keys)


def test_the_svg_icon_files_are_drawn_from_the_same_definitions() -> None:
    for name in ICONS:
        assert resource("vsm_icons", f"{name}.svg").read_text(encoding="utf-8") == \
            icon_svg(name), f"resources/vsm_icons/{name}.svg is stale"


def test_no_stub_arrows_or_crossing_schedules_around_a_block() -> None:
    # A process straight after a block (no stock between) has no room for a push arrow;
    # production control schedules the top row only, so no arrow crosses Weld A's box.
    stream = dataclasses.replace(acme(), flow=(
        Process("Cut", 10), Inventory("", 100),
        Parallel("A / B", ((Process("Weld A", 40), Inventory("", days=2)),
                           (Process("Weld B", 50),))),
        Process("Pack", 5)))
    d = _diagram(stream)
    assert all(i.box.w >= 24 for i in d.by_role("push"))
    boxes = {b.text: b.box for b in d.by_role("process")}
    ends = [i.box.bottom for i in d.by_role("information") if i.id.startswith("schedule")]
    assert len(ends) == 3 and all(end <= boxes["Weld A"].y for end in ends)
