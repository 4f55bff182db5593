"""Process maps: each map drawn as vectors (landscape), then the numbers it implies.

A map that fits the page at a readable size (its step names at 5 pt or more) is drawn
on one page; a larger one is drawn at that size over several pages, after an overview
of the whole map with the pages marked on it (A1, A2, ... by row and column). Then the
tables: the figures per case (lead time, value-added time, PCE, cost, critical path and
the simulated percentiles), handoffs, rework loops, steps with their times and visits,
work per lane, structural problems, and the SIPOC.
"""

from __future__ import annotations

from typing import Any

from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table

MIN_SCALE = 5.0 / 9.0  # points per diagram unit that print step names at 5 pt
OVERLAP = 24.0  # points each page repeats of its neighbour, so no shape is lost at a cut
SIM_CASES = 10_000
VALUE_WORDS = {"value_adding": "value-adding", "business_necessary": "business-necessary",
               "waste": "waste"}


def _maps(ctx: BuildContext) -> list[tuple[int, Any]]:
    from opsdesk.core.maps.linked_times import with_kpi_times
    from opsdesk.core.maps.store import list_maps, load_map

    # Linked steps take their KPI's value as of the review's end, as every KPI figure does.
    return [(m.id, with_kpi_times(ctx.conn, load_map(ctx.conn, m.id), ctx.end))
            for m in list_maps(ctx.conn)]


def build(ctx: BuildContext) -> list[Any] | None:
    maps = [(i, p) for i, p in _maps(ctx) if p.nodes]
    if not maps:
        return None
    from reportlab.platypus import PageBreak

    out: list[Any] = [ctx.section_heading(TITLES["process_maps"])]
    out.append(ctx.m(
        "Each map as drawn in the workspace, then what it implies per case. Fill shows the "
        "value class (green value-adding, amber business-necessary, red waste); dashed "
        "orange flows are handoffs between lanes; a step marked KPI takes its time from "
        "that KPI's newest value. Expected figures expand each rework loop by its expected "
        "passes; percentiles come from a seeded simulation of "
        f"{SIM_CASES:,} cases.", "small"))
    for n, (_map_id, pmap) in enumerate(maps):
        if n:
            out.append(PageBreak())
        out += _one_map(ctx, pmap)
    return out


def _one_map(ctx: BuildContext, pmap: Any) -> list[Any]:
    from opsdesk.core.maps.analysis import analyse
    from opsdesk.core.maps.layout import with_layout
    from opsdesk.core.report.diagram_file import printed_spec

    pmap = with_layout(pmap)
    analysis = analyse(pmap)
    spec = printed_spec(pmap, analysis)
    out: list[Any] = [ctx.sub_heading(pmap.name)]
    if pmap.description:
        out.append(ctx.p(pmap.description, "small"))
    out += _drawing(ctx, spec)
    out += _tables(ctx, pmap, analysis)
    return out


def _drawing(ctx: BuildContext, spec: Any) -> list[Any]:
    """The map on the page, or an overview and the pages of a tiled map."""
    from reportlab.platypus import PageBreak

    from opsdesk.core.report.diagram_render import render_diagram
    from opsdesk.core.report.doc import ChartFlowable

    room_w, room_h = ctx.width, ctx.body_height * 0.62  # the rest: heading and a table
    fit = min(room_w / spec.width, room_h / spec.height, 0.75)
    if fit >= MIN_SCALE:
        return [ChartFlowable(render_diagram(spec, fit))]
    full_h = ctx.body_height - 40  # a tile's page: a caption line, then the drawing
    whole = render_diagram(spec, MIN_SCALE)
    strip = max((b.header.right for b in spec.bands if b.orientation == "horizontal"),
                default=0.0) * MIN_SCALE  # the lane titles, repeated on every page
    cols = _count(whole.width, room_w)
    rows = _count(whole.height, full_h)
    overview_scale = min(room_w / spec.width, room_h / spec.height)
    out: list[Any] = [
        ctx.m(f"The map is drawn over {rows * cols} pages at a readable size; the overview "
              "shows where each page falls.", "small"),
        ChartFlowable(_overview(render_diagram(spec, overview_scale), rows, cols,
                                overview_scale / MIN_SCALE, room_w, full_h))]
    for r in range(rows):
        for c in range(cols):
            out.append(PageBreak())
            out.append(ctx.m(f"<b>{_tile_name(r, c)}</b> &nbsp;(row {r + 1} of {rows}, "
                             f"column {c + 1} of {cols})", "small"))
            out.append(ChartFlowable(_tile(whole, r, c, room_w, full_h, strip)))
    return out


def _count(length: float, room: float) -> int:
    if length <= room:
        return 1
    step = room - OVERLAP
    return 1 + int(-(-(length - room) // step))


def _tile_name(row: int, col: int) -> str:
    return f"{chr(ord('A') + row % 26)}{col + 1}"


def _offsets(length: float, room: float) -> list[float]:
    """Where each page starts along ``length``: full pages spread evenly, so the last one
    is not a sliver and neighbours share at least OVERLAP."""
    count = _count(length, room)
    if count == 1:
        return [0.0]
    step = (length - room) / (count - 1)
    return [i * step for i in range(count)]


def _origin(whole: Any, row: int, col: int, w: float, h: float) -> tuple[float, float]:
    """Bottom-left of tile (row, col) in the whole drawing's points (y up)."""
    x0 = _offsets(whole.width, w)[col]
    down = _offsets(whole.height, h)[row]
    return x0, whole.height - h - down


def _window(whole: Any, x0: float, bottom: float, width: float, height: float,
            at: float = 0.0) -> Any:
    """The part of ``whole`` from (x0, bottom), width x height, placed at x = ``at``."""
    from reportlab.graphics.shapes import Group, Path, Rect

    clip = Path(isClipPath=1, strokeColor=None, fillColor=None)
    clip.moveTo(at, 0)
    for px, py in ((at + width, 0), (at + width, height), (at, height)):
        clip.lineTo(px, py)
    clip.closePath()
    inner = Group(*whole.contents)
    inner.transform = (1, 0, 0, 1, at - x0, -bottom)
    from reportlab.lib import colors

    return Group(clip, Rect(at, 0, width, height, fillColor=colors.white, strokeColor=None),
                 inner)


def _tile(whole: Any, row: int, col: int, w: float, h: float, strip: float = 0.0) -> Any:
    from reportlab.graphics.shapes import Drawing

    x0, y0 = _origin(whole, row, col, w, h)
    width = min(w, whole.width - x0)
    top = y0 + h
    height = min(h, top)
    drawing = Drawing(width, height)
    drawing.add(_window(whole, x0, top - height, width, height))
    if col and strip:  # the lane titles again at the left, over the cut
        drawing.add(_window(whole, 0.0, top - height, strip, height))
    return drawing


def _overview(small: Any, rows: int, cols: int, ratio: float, w: float, h: float) -> Any:
    """The whole map, small, with each page's area outlined and named."""
    from reportlab.graphics.shapes import Rect, String

    from opsdesk.core.report import fonts
    from opsdesk.core.report.chart_style import color

    whole_w, whole_h = small.width / ratio, small.height / ratio
    for r in range(rows):
        for c in range(cols):
            x0 = _offsets(whole_w, w)[c] * ratio
            top = whole_h - _offsets(whole_h, h)[r]
            y0 = max(0.0, top - h) * ratio
            width = min(w * ratio, small.width - x0)
            height = top * ratio - y0
            small.add(Rect(x0, y0, width, height, fillColor=None,
                           strokeColor=color("#1f4e79"), strokeWidth=0.8,
                           strokeDashArray=[4, 2]))
            small.add(String(x0 + 4, y0 + height - 11, _tile_name(r, c), fontName=fonts.BOLD,
                             fontSize=9, fillColor=color("#1f4e79")))
    return small


def _num(value: float | None, unit: str = "") -> str:
    if value is None:
        return "n/a"
    text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{text} {unit}".strip()


def _tables(ctx: BuildContext, pmap: Any, analysis: Any) -> list[Any]:
    from opsdesk.core.maps.simulation import simulate
    from opsdesk.core.maps.units import unit_name
    from opsdesk.core.report.tables import key_value_table

    unit = unit_name(pmap.time_unit)
    flow = analysis.flow
    sim = simulate(pmap, SIM_CASES, seed=0)
    name = {n.id: n.name for n in pmap.nodes}
    w = ctx.width
    figures = [
        ("Steps", f"{sum(1 for n in pmap.nodes if n.kind in ('task', 'subprocess'))}"),
        ("Handoffs between lanes", f"{len(analysis.handoffs)}"),
        ("Rework loops", f"{len(analysis.loops)}"),
        ("Lead time per case (expected)", _num(flow.lead_time, unit)),
        ("Value-added time per case", _num(flow.value_added_time, unit)),
        ("Process cycle efficiency", "n/a" if flow.pce is None else f"{flow.pce:.1%}"),
        ("Cost per case", _num(flow.cost_per_case)),
        ("Critical path", f"{_num(flow.critical_time, unit)}: "
                          f"{' → '.join(name[s] for s in flow.critical_path)}"),
        ("Simulated lead time", f"P50 {_num(sim.percentile(50))}, P85 "
                                f"{_num(sim.percentile(85))}, P95 {_num(sim.percentile(95))} "
                                f"{unit} (seed 0)"),
    ]
    out: list[Any] = [_block(ctx, "<b>Per case</b>", key_value_table(figures,
                                                                       [w * 0.28, w * 0.72]))]
    if analysis.handoffs:
        rows = [[cell(h.source), cell(h.target), cell(h.source_lane), cell(h.target_lane)]
                for h in analysis.handoffs]
        out.append(_block(ctx, "<b>Handoffs</b>", data_table(
            ["From", "To", "From lane", "To lane"], rows, [w / 4] * 4)))
    if analysis.loops:
        rows = [[cell(" → ".join(name[s] for s in loop.steps)),
                 cell("n/a" if loop.probability is None else f"{loop.probability:.0%}",
                      "right"), cell(_num(loop.expected_passes), "right")]
                for loop in analysis.loops]
        out.append(_block(ctx, "<b>Rework loops</b> (expected passes 1 / (1 − p))", data_table(
            ["Loop", "Probability", "Expected passes"], rows, [w * 0.64, w * 0.18, w * 0.18],
            ["left", "right", "right"])))
    out += _step_table(ctx, pmap, analysis, unit)
    out += _problems(ctx, analysis, name)
    s = analysis.sipoc
    columns = (s.suppliers, s.inputs, s.process, s.outputs, s.customers)
    depth = max(len(c) for c in columns)
    if depth:
        rows = [[cell(c[i] if i < len(c) else "") for c in columns] for i in range(depth)]
        out.append(_block(ctx, "<b>SIPOC</b> (derived from the map)", data_table(
            ["Suppliers", "Inputs", "Process", "Outputs", "Customers"], rows, [w / 5] * 5,
            zebra=False)))
    return out


def _block(ctx: BuildContext, caption: str, table: Any) -> Any:
    """A table under its caption, kept on one page with it when it fits, set off above."""
    from reportlab.platypus import KeepTogether, Spacer

    table.hAlign = "LEFT"
    return KeepTogether([Spacer(1, 8), ctx.m(caption, "small"), Spacer(1, 2), table])


def _step_table(ctx: BuildContext, pmap: Any, analysis: Any, unit: str) -> list[Any]:
    flow = analysis.flow
    u = pmap.time_unit
    lane = {x.id: x.name or x.id for x in pmap.lanes}
    on_path = set(flow.critical_path)
    rows = []
    for n in pmap.nodes:
        if n.kind not in ("task", "subprocess"):
            continue
        st = n.step
        rows.append([cell(n.name + (" *" if n.id in on_path else "")),
                     cell(lane.get(n.lane_id or "", "")),
                     cell(VALUE_WORDS.get(st.value_class or "", "")),
                     cell(_num(st.processing_time(u)), "right"),
                     cell(_num(st.wait_time(u)), "right"),
                     cell(_num(flow.visits.get(n.id, 0.0)), "right"),
                     cell("" if st.cost is None else _num(st.cost), "right")])
    if not rows:
        return []
    w = ctx.width
    out: list[Any] = [_block(
        ctx, f"<b>Steps</b> (times in {unit} per execution; * on the critical path)",
        data_table(["Step", "Lane", "Value class", "Processing", "Wait", "Visits per case",
                    "Cost"], rows, [w * 0.26, w * 0.16, w * 0.16, w * 0.1, w * 0.1, w * 0.12,
                                    w * 0.1],
                   ["left", "left", "left", "right", "right", "right", "right"]))]
    if flow.workload:
        load = [[cell(k), cell(_num(v), "right")] for k, v in flow.workload.items()]
        out.append(_block(ctx, f"<b>Work per lane</b> ({unit} of processing per case)",
                          data_table(["Lane", "Work per case"], load, [w * 0.4, w * 0.2],
                                     ["left", "right"])))
    return out


def _problems(ctx: BuildContext, analysis: Any, name: dict[str, str]) -> list[Any]:
    st = analysis.structure
    lines = [f"Unreachable: {name[v]}" for v in st.unreachable]
    lines += [f"Dead end: {name[v]}" for v in st.dead_ends]
    lines += list(st.gateway_problems) + list(st.misplaced_flows)
    if not lines:
        return []
    w = ctx.width
    return [_block(ctx, "<b>Structural problems</b>",
                   data_table(["Problem"], [[cell(x)] for x in lines], [w]))]


register(Section("process_maps", TITLES["process_maps"], "", build, landscape=True))
