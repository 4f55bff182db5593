"""A value stream and its metrics as a drawn map (DESIGN.md rule 10: the canvas is a view).

``vsm_diagram(stream, metrics, keys)`` lays the map out as Learning to See draws it:
information flow on top (supplier, production control, customer with its data box;
electronic flows between production control and the two factories, a manual schedule to
each process of the top row), material flow along the bottom (the inbound truck,
processes with their data boxes, inventory triangles and waits between them, push
arrows, the outbound truck), and under it the timeline ladder (``vsm_ladder``). Each
item carries its primitives, placed; the canvas, the PDF and the SVG files only draw
them. Where the flow splits, the branches are stacked in one column, each with its own
small ladder under it. A stream that stores no information flows of its own is drawn
with the book's current-state pattern; once it stores some, ``vsm_info_diagram`` draws
those instead. The first shipment arrives from the supplier and the last goes to the
customer (a single shipment goes to the customer). Kaizen bursts go above their
elements, clear of the rest (``vsm_burst_layout``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from opsdesk.core.kpi.status_marks import STATUS_SYMBOL
from opsdesk.core.maps.model import Box, Point
from opsdesk.core.maps.vsm_capacity import StepMetrics
from opsdesk.core.maps.vsm_format import count_text, days_text, duration_text, percent_text
from opsdesk.core.maps.vsm_icons import (
    STATUS_TONE,
    Prim,
    Rect,
    Text,
    Tone,
    delay,
    electronic_flow,
    factory,
    fifo,
    inventory,
    manual_flow,
    operator,
    push_arrow,
    safety,
    supermarket,
    truck,
)
from opsdesk.core.maps.vsm_links import LinkedStream, LinkedValue, link_notes
from opsdesk.core.maps.vsm_metrics import InventoryMetrics, Timeline, VsmMetrics
from opsdesk.core.maps.vsm_model import (
    Delay,
    Element,
    Inventory,
    LinkField,
    Parallel,
    Process,
    Shipment,
    ValueStream,
)

Role = Literal["supplier", "customer", "production_control", "process", "inventory", "delay",
               "shipment", "push", "information", "timeline", "totals", "conventions",
               "kaizen_burst"]

MARGIN = 20.0
END_W = 200.0  # the supplier's and the customer's columns (the totals box fits)
PROCESS_W = 130.0
STOCK_W = 100.0
TITLE_H = 34.0
LINE = 13.0
SIZE = 8.5
MATERIAL_Y = 210.0
ARROW_DY = TITLE_H / 2  # the push arrows run at the process titles' height
BRANCH_GAP = 24.0
PUSH_GAP = 12.0


@dataclass(frozen=True)
class VsmItem:
    """One thing on the map: ``key`` is the flow element's (for editing), else None."""

    id: str
    role: Role
    box: Box
    prims: tuple[Prim, ...]
    key: str | None = None
    text: str = ""


@dataclass(frozen=True)
class VsmDiagram:
    title: str
    width: float
    height: float
    items: tuple[VsmItem, ...]
    conventions: tuple[str, ...] = ()

    def by_role(self, role: Role) -> list[VsmItem]:
        return [i for i in self.items if i.role == role]

    def texts(self) -> list[str]:
        return [p.text for i in self.items for p in i.prims if isinstance(p, Text)]


def data_lines(p: Process) -> list[tuple[str, LinkField | None]]:
    """A process's data box: only the values the map gives, each with the field a KPI
    can feed (None for the others)."""
    lines: list[tuple[str, LinkField | None]] = []
    if p.cycle_time_s is not None:
        lines.append((f"C/T {duration_text(p.cycle_time_s)}", "cycle_time_s"))
    if p.changeover_s:
        lines.append((f"C/O {duration_text(p.changeover_s)}", "changeover_s"))
    lines.append((f"Uptime {percent_text(p.uptime)}", "uptime"))
    if p.operators is not None:
        lines.append((f"Operators {count_text(p.operators)}", None))
    if p.shifts is not None:
        lines.append((f"Shifts {p.shifts}", None))
    if p.batch is not None:
        lines.append((f"Batch {count_text(p.batch)}", None))
    if p.epe_days is not None:
        lines.append((f"EPE {p.epe_days:g} days", None))
    if p.fpy is not None:
        lines.append((f"FPY {percent_text(p.fpy)}", "fpy"))
    if p.scrap is not None:
        lines.append((f"Scrap {percent_text(p.scrap)}", None))
    if p.work_content_s is not None:
        lines.append((f"Work {duration_text(p.work_content_s)}", None))
    return lines


def _marked(text: str, linked: LinkedValue | None) -> tuple[str, Tone]:
    """A data-box line fed by a KPI: its status symbol after it, in the status's ink
    (status is never colour alone)."""
    if linked is None or linked.value is None:
        return text, "ink"
    return f"{text} {STATUS_SYMBOL[linked.status]}", STATUS_TONE.get(linked.status, "muted")


def wrap(text: str, most: int = 20) -> list[str]:
    """``text`` in at most two lines of about ``most`` characters."""
    words, lines, current = text.split(), [], ""
    for w in words:
        if current and len(current) + 1 + len(w) > most:
            lines.append(current)
            current = w
        else:
            current = f"{current} {w}".strip()
    lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [ln if len(ln) <= most + 4 else ln[:most + 2] + "…" for ln in lines]


@dataclass
class _Layout:
    keys: list[str]
    steps: list[StepMetrics]
    stocks: list[InventoryMetrics]
    links: dict[int, tuple[LinkedValue, ...]]
    # the timelines of the parallel blocks still to come, innermost flow last
    blocks: list[Iterator[tuple[Timeline, ...]]]
    position: int = 0  # the element's place in the flow walked depth first
    items: list[VsmItem] = field(default_factory=list)
    processes: list[VsmItem] = field(default_factory=list)
    # (x0, x1, element) of the top-level columns, for the ladder
    columns: list[tuple[float, float, Element]] = field(default_factory=list)

    def key(self) -> str | None:
        return self.keys.pop(0) if self.keys else None

    def linked(self) -> dict[str, LinkedValue]:
        """The links of the element being laid out, by field; moves to the next one."""
        here = self.position
        self.position += 1
        return {v.field: v for v in self.links.get(here, ())}

    def flow(self, flow: tuple[Element, ...], x: float, y: float,
             columns: list[tuple[float, float, Element]]) -> tuple[float, float]:
        """Lay ``flow`` out from (x, y), each element's column added to ``columns``; its
        width and height. Push arrows join the processes (and parallel blocks) in it."""
        start, height = x, 0.0
        last_right: float | None = None
        for e in flow:
            key, linked = self.key(), self.linked()
            if isinstance(e, Process):
                w, h = self.process(e, key, linked, x, y)
            elif isinstance(e, Parallel):
                w, h = self.parallel(e, x, y)
            else:
                w, h = self.stock(e, key, linked, x, y)
            columns.append((x, x + w, e))
            if not isinstance(e, (Inventory, Delay)):
                if last_right is not None:
                    self.push(last_right, x, y)
                last_right = x + w
            x += w
            height = max(height, h)
        return x - start, height

    def push(self, a: float, b: float, y: float) -> None:
        if b - a < 2 * PUSH_GAP:  # boxes side by side: no room for an arrow between them
            return
        at = y + ARROW_DY
        prims = push_arrow(Point(a + 4, at), Point(b - 4, at))
        self.items.append(VsmItem(f"push{len(self.items)}", "push",
                                  Box(a, at - 10, b - a, 20), tuple(prims)))

    def process(self, p: Process, key: str | None, linked: dict[str, LinkedValue], x: float,
                y: float) -> tuple[float, float]:
        m = self.steps.pop(0) if self.steps else None
        lines = data_lines(p)
        box = Box(x + 10, y, PROCESS_W - 20, TITLE_H + 8 + LINE * len(lines))
        tone: Tone = "warn" if m is not None and m.constraint else "ink"
        prims: list[Prim] = [Rect(Box(box.x, box.y, box.w, TITLE_H), fill="light",
                                  stroke=tone, width=2.0 if tone == "warn" else 1.2),
                             Rect(Box(box.x, box.y + TITLE_H, box.w, box.h - TITLE_H),
                                  fill="paper")]
        title = wrap(p.name, 14 if p.operators else 17)
        for i, line in enumerate(title):
            dy = TITLE_H / 2 + (i - (len(title) - 1) / 2) * 11
            prims.append(Text(Point(box.x + 6, box.y + dy), line, 9.5, "start", True, tone))
        if p.operators:
            prims += operator(Box(box.right - 20, box.y + 6, 14, 18))
        for i, (line, fed) in enumerate(lines):
            text, ink = _marked(line, linked.get(fed) if fed else None)
            prims.append(Text(Point(box.x + 6, box.y + TITLE_H + 10 + i * LINE), text, SIZE,
                              "start", tone=ink))
        item = VsmItem(key or p.name, "process", box, tuple(prims), key, p.name)
        self.items.append(item)
        self.processes.append(item)
        return PROCESS_W, box.h

    def stock(self, e: Inventory | Delay, key: str | None, linked: dict[str, LinkedValue],
              x: float, y: float) -> tuple[float, float]:
        m = self.stocks.pop(0) if self.stocks else None
        cx = x + STOCK_W / 2
        icon = Box(cx - 22, y + ARROW_DY + 16, 44, 38)
        lines: list[tuple[str, Tone]] = []
        if isinstance(e, Delay):
            prims = delay(icon)
            role: Role = "delay"
        else:
            draw = {"inventory": inventory, "supermarket": supermarket, "fifo": fifo,
                    "safety": safety}[e.kind]
            prims = draw(icon)
            role = "inventory"
            if e.quantity is not None:
                lines.append(_marked(count_text(e.quantity), linked.get("quantity")))
            elif e.by_part:
                lines += [(f"{count_text(f.quantity)} {f.name}", "ink") for f in e.by_part]
            elif m is not None and m.quantity is None and e.days is None:
                lines.append(("quantity?", "ink"))
            if "days" in linked and e.days is not None:
                lines.append(_marked(days_text(e.days), linked["days"]))
        name: list[tuple[str, Tone]] = [(n, "ink") for n in wrap(e.name, 15)] if e.name else []
        for i, (line, ink) in enumerate([*lines, *name]):
            prims.append(Text(Point(cx, icon.bottom + 10 + i * 11), line, SIZE,
                              bold=i >= len(lines), tone=ink))
        h = icon.bottom + 10 + 11 * len(lines) + 11 * len(name) - y
        box = Box(x + 4, icon.y, STOCK_W - 8, h - (icon.y - y))
        self.items.append(VsmItem(key or e.name or f"stock{len(self.items)}", role, box,
                                  tuple(prims), key, e.name))
        return STOCK_W, h

    def parallel(self, e: Parallel, x: float, y: float) -> tuple[float, float]:
        """The branches stacked, each with its own ladder under it (``branch_ladder``)."""
        from opsdesk.core.maps.vsm_ladder import BRANCH_LADDER_H, branch_ladder

        lines = next(self.blocks[-1], ())
        longest = max(range(len(lines)), default=-1,
                      key=lambda i: (lines[i].lead_time_days, lines[i].processing_time_s))
        width = height = 0.0
        for i, branch in enumerate(e.branches):
            line = lines[i] if i < len(lines) else Timeline(0.0, 0.0)
            columns: list[tuple[float, float, Element]] = []
            stocks = list(self.stocks)
            self.blocks.append(iter(line.branches))
            w, h = self.flow(branch, x, y + height, columns)
            self.blocks.pop()
            used = stocks[:len(stocks) - len(self.stocks)]
            rungs = branch_ladder(_branch_name(e, i), columns, used, line,
                                  i == longest and len(lines) > 1, y + height + h + 8)
            if rungs is not None:
                self.items.append(rungs)
                h += 8 + BRANCH_LADDER_H
            width, height = max(width, w), height + h + BRANCH_GAP
        return max(width, PROCESS_W), max(height - BRANCH_GAP, 0.0)


def _branch_name(e: Parallel, i: int) -> str:
    """A branch's name: its part of the block's name ('A / B'), else 'Branch 2'."""
    parts = [p.strip() for p in e.name.split("/")]
    if len(parts) == len(e.branches) and parts[i]:
        return parts[i]
    return f"Branch {i + 1}"


def _factory(role: Role, name: str, x: float, lines: list[str]) -> VsmItem:
    icon = Box(x + (END_W - 90) / 2, MARGIN, 90, 56)
    prims: list[Prim] = list(factory(icon))
    prims.append(Text(Point(icon.cx, icon.bottom + 10), name, 9.5, bold=True))
    if lines:
        box = Box(icon.x - 15, icon.bottom + 20, icon.w + 30, 8 + LINE * len(lines))
        prims.append(Rect(box, fill="paper"))
        for i, line in enumerate(lines):
            prims.append(Text(Point(box.cx, box.y + 10 + i * LINE), line, SIZE))
    bottom = icon.bottom + 20 + (8 + LINE * len(lines) if lines else 0)
    return VsmItem(role, role, Box(icon.x - 15, icon.y, icon.w + 30, bottom - icon.y),
                   tuple(prims), text=name)


def _customer_lines(stream: ValueStream, m: VsmMetrics) -> list[str]:
    d = stream.demand
    if d is None:
        return ["Demand not given"]
    lines = [f"{count_text(d.quantity)} / {d.per}"]
    if d.mix:
        lines.append(" · ".join(f"{f.name} {count_text(f.quantity)}" for f in d.mix))
    if d.per != "day":
        lines.append(f"{d.working_days:g} days a {d.per}")
    lines.append(f"{d.shifts} shift{'s' if d.shifts > 1 else ''}")
    lines.append(f"Takt {duration_text(m.takt_s)}")
    return lines


def _shipment(s: Shipment, x: float, to_right: bool, target: float) -> VsmItem:
    icon = Box(x + (END_W - 72) / 2, MATERIAL_Y + ARROW_DY + 14, 72, 40)
    prims: list[Prim] = list(truck(icon))
    often = s.frequency or (f"{s.per_day:g} a day" if s.per_day is not None else "")
    for i, line in enumerate(x for x in (s.name, often) if x):
        prims.append(Text(Point(icon.cx, icon.bottom + 10 + i * 11), line, SIZE, bold=i == 0))
    y = icon.cy
    a, b = (icon.right + 4, target - 4) if to_right else (target + 4, icon.x - 4)
    if b - a > 20:
        prims += push_arrow(Point(a, y), Point(b, y), 12, striped=False)
    return VsmItem(f"shipment:{s.name}", "shipment", Box(icon.x, icon.y, icon.w,
                                                         icon.h + 24), tuple(prims),
                   text=s.name)


def vsm_diagram(stream: ValueStream, metrics: VsmMetrics, keys: tuple[str, ...] = (),
                linked: LinkedStream | None = None) -> VsmDiagram:
    """The map of ``stream`` with ``metrics`` (computed from it); ``keys`` are its elements'
    keys in flow order (``StoredStream.keys``), so the canvas can edit what is clicked;
    ``linked`` marks the data-box values its KPIs gave (``stream`` is then its stream)."""
    from opsdesk.core.maps.vsm_ladder import ladder

    links = linked.links if linked is not None else {}
    lay = _Layout(list(keys), list(metrics.steps), list(metrics.inventories), links,
                  [iter(metrics.timeline.branches)])
    flow_x = MARGIN + END_W
    flow_w, flow_h = lay.flow(stream.flow, flow_x, MATERIAL_Y, lay.columns)
    flow_w = max(flow_w, PROCESS_W)
    right = flow_x + flow_w
    supplier = _factory("supplier", stream.supplier, MARGIN, [])
    customer = _factory("customer", stream.customer, right, _customer_lines(stream, metrics))
    items = [supplier, customer, *lay.items]
    ships = stream.shipments
    if ships:
        items.append(_shipment(ships[-1], right, False, right))
    if len(ships) > 1:
        items.append(_shipment(ships[0], MARGIN, True, flow_x))
    # A schedule to each process in the top row: one to a branch below another would
    # cross the boxes above it (the one to the top branch stands for its block).
    top_row = [p for p in lay.processes if p.box.y == MATERIAL_Y]
    info = _information(supplier, customer, flow_x, right, top_row)
    if stream.information.stored:  # what the map stores, in place of the book's pattern
        from opsdesk.core.maps.vsm_info_diagram import stored_information

        info = stored_information(stream.information, info[0], supplier, customer, lay.items)
    items += info
    if stream.bursts:  # last above the flow, so they keep clear of all drawn there
        from opsdesk.core.maps.vsm_burst_layout import burst_items

        items += burst_items(stream.bursts, items)
    bottom = MATERIAL_Y + max(flow_h, 110.0)
    notes = link_notes(stream, linked) if linked is not None else []
    rungs, end = ladder(metrics, lay.columns, bottom + 30, right + 10, notes)
    items += rungs
    width = max(right + END_W, max(i.box.right for i in items)) + MARGIN
    return VsmDiagram(stream.name, width, end + MARGIN, tuple(items),
                      tuple(i.text for i in rungs if i.role == "conventions"))


def _information(supplier: VsmItem, customer: VsmItem, left: float, right: float,
                 processes: list[VsmItem]) -> list[VsmItem]:
    """Production control between the factories: electronic flows from the customer and to
    the supplier, a manual schedule to each process."""
    cx = (left + right) / 2
    box = Box(cx - 90, MARGIN + 6, 180, 48)
    control = VsmItem("production_control", "production_control", box, (
        Rect(box, fill="paper", width=1.2),
        Text(Point(box.cx, box.cy), "Production control", 10, bold=True)),
        text="Production control")
    y = box.cy
    out = [control,
           VsmItem("orders", "information", Box(box.right, y - 8, customer.box.x - box.right, 16),
                   tuple(electronic_flow(Point(customer.box.x + 10, y), Point(box.right, y)))),
           VsmItem("to_supplier", "information",
                   Box(supplier.box.right, y - 8, box.x - supplier.box.right, 16),
                   tuple(electronic_flow(Point(box.x, y), Point(supplier.box.right - 10, y))))]
    n = len(processes)
    for i, p in enumerate(processes):
        a = Point(box.x + box.w * (i + 1) / (n + 1), box.bottom)
        b = Point(p.box.cx, p.box.y - 2)
        out.append(VsmItem(f"schedule{i}", "information",
                           Box(min(a.x, b.x), a.y, abs(b.x - a.x), b.y - a.y),
                           tuple(manual_flow(a, b))))
    return out
