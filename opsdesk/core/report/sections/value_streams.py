"""Value streams: each map drawn as vectors (landscape, scaled to the page), then its
figures with the conventions they follow, its steps, and for a current state with a
paired future state the two side by side with the change."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table
from opsdesk.core.report.text import para

MAX_SCALE = 0.9  # points per diagram unit: a small map is not blown up past this


def build(ctx: BuildContext) -> list[Any] | None:
    from reportlab.platypus import PageBreak

    from opsdesk.core.maps.vsm_store import list_streams
    from opsdesk.core.maps.vsm_view import stream_view

    summaries = list_streams(ctx.conn)
    if not summaries:
        return None
    views = {s.id: stream_view(ctx.conn, s.id, as_of=ctx.as_of) for s in summaries}
    out: list[Any] = [ctx.section_heading(TITLES["value_streams"])]
    out.append(ctx.m(
        "Each value stream as drawn on its page: information flow on top, material flow "
        "below, and the timeline ladder under the processes (inventory days on the upper "
        "rungs, cycle times on the lower). A red process title marks the constraint. "
        "The conventions each figure follows are printed under its map and its table.",
        "small"))
    for n, s in enumerate(summaries):
        if n:
            out.append(PageBreak())
        one = views[s.id]
        pair = views.get(s.pair_id) if s.pair_id is not None else None
        if pair is not None and s.state == "current":
            out += _one(ctx, one, pair.stored.stream.name, pair.metrics)
        else:
            out += _one(ctx, one, "", None)
    return out


def _one(ctx: BuildContext, view: Any, future_name: str, future: Any) -> list[Any]:
    from opsdesk.core.maps.vsm_store import state_title
    from opsdesk.core.report.doc import ChartFlowable
    from opsdesk.core.report.vsm_render import render_vsm

    stored, m, spec = view.stored, view.metrics, view.diagram
    name = state_title(stored.stream.name, stored.state)
    scale = min(ctx.width / spec.width, ctx.body_height * 0.6 / spec.height, MAX_SCALE)
    out: list[Any] = [ctx.sub_heading(name), ChartFlowable(render_vsm(spec, scale))]
    out.append(_figures(ctx, m))
    out += _steps(ctx, m)
    if m.warnings:
        w = ctx.width
        out.append(_block(ctx, "<b>Warnings</b>", data_table(
            ["What cannot be right or is missing"], [[cell(x)] for x in m.warnings], [w])))
    if future is not None:
        out.append(_compare(ctx, stored.stream.name, future_name, m, future))
    return out


def _figures(ctx: BuildContext, m: Any) -> Any:
    from opsdesk.core.maps.vsm_format import (
        conventions,
        count_text,
        days_text,
        duration_text,
        percent_text,
    )
    from opsdesk.core.report.tables import key_value_table

    constraint = next((s.name for s in m.steps if s.constraint), "n/a")
    takt = duration_text(m.takt_s)
    if m.family_takt_s:
        takt += " (" + ", ".join(f"{k} {duration_text(v)}"
                                 for k, v in m.family_takt_s.items()) + ")"
    pairs = [
        ("Available time a shift", duration_text(m.available_s_per_shift)),
        ("Daily demand", count_text(m.daily_demand)),
        ("Takt", takt),
        ("Production lead time", days_text(m.lead_time_days)),
        ("Processing time", duration_text(m.processing_time_s)),
        ("Process cycle efficiency", percent_text(m.pce)),
        ("Rolled first-pass yield", percent_text(m.rolled_yield)),
        ("Operators needed", "n/a" if m.operators_needed is None
         else f"{m.operators_needed:.2f} (work content ÷ takt, not rounded)"),
        ("Constraint", constraint),
        *((f"Convention {i + 1}", c) for i, c in enumerate(conventions(m))),
    ]
    w = ctx.width
    return _block(ctx, "<b>Figures</b>", key_value_table(pairs, [w * 0.25, w * 0.75]))


def _steps(ctx: BuildContext, m: Any) -> list[Any]:
    from opsdesk.core.maps.vsm_format import duration_text, percent_text

    if not m.steps:
        return []
    rows = [[cell(s.name + (" *" if s.constraint else "")),
             cell(duration_text(s.cycle_time_s), "right"),
             cell(duration_text(s.changeover_s) if s.changeover_s else "", "right"),
             cell(percent_text(s.uptime), "right"),
             cell("n/a" if s.capacity_per_shift is None
                  else f"{s.capacity_per_shift:,.0f}", "right"),
             cell(percent_text(s.utilisation), "right")] for s in m.steps]
    w = ctx.width
    return [_block(ctx, "<b>Steps</b> (capacity = (available time × uptime − changeovers "
                        "where the EPE is given) ÷ cycle time; utilisation = demand ÷ "
                        "capacity; * the constraint)",
                   data_table(["Step", "Cycle time", "Changeover", "Uptime",
                               "Capacity a shift", "Utilisation"], rows,
                              [w * 0.3] + [w * 0.14] * 5,
                              ["left", "right", "right", "right", "right", "right"]))]


def _value(key: str, v: float | None, change: bool = False) -> str:
    from opsdesk.core.maps.vsm_format import count_text, days_text, duration_text, percent_text

    if v is None:
        return "n/a"
    sign = "+" if change and v > 0 else ""
    if key in ("takt_s", "processing_time_s"):
        return sign + duration_text(v)
    if key == "lead_time_days":
        return sign + days_text(v)
    if key in ("pce", "rolled_yield"):
        return sign + (percent_text(v).replace(" %", " pp") if change else percent_text(v))
    return sign + count_text(v)


def _compare(ctx: BuildContext, current: str, future: str, a: Any, b: Any) -> Any:
    from opsdesk.core.maps.vsm_compare import compare

    rows = []
    for r in compare(a, b):
        word = "" if r.better is None else ("better" if r.better else "worse")
        rows.append([cell(r.label), cell(_value(r.key, r.current), "right"),
                     cell(_value(r.key, r.future), "right"),
                     cell(_value(r.key, r.change, True), "right"),
                     cell("n/a" if r.change_fraction is None
                          else f"{r.change_fraction:+.0%}", "right"), cell(word)])
    w = ctx.width
    caption = (f"<b>Current against future state</b>: {para(current)} against "
               f"{para(future)} (change = future − current; the same conventions)")
    return _block(ctx, caption, data_table(
        ["Figure", "Current", "Future", "Change", "Change %", ""], rows,
        [w * 0.3, w * 0.15, w * 0.15, w * 0.15, w * 0.12, w * 0.13],
        ["left", "right", "right", "right", "right", "left"]))


def _block(ctx: BuildContext, caption: str, table: Any) -> Any:
    from reportlab.platypus import KeepTogether, Spacer

    table.hAlign = "LEFT"
    return KeepTogether([Spacer(1, 8), ctx.m(caption, "small"), Spacer(1, 2), table])


register(Section("value_streams", TITLES["value_streams"], "", build, landscape=True))
