"""What each box of the A3 holds, as ``box_fit`` blocks, in the order it is read.

User text is plain in a ``Text`` block (escaped when it becomes a paragraph); our own
lead-ins are markup. Where the project holds nothing for a box, the box says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from opsdesk.core.report import styles
from opsdesk.core.report.box_fit import Block, Picture, Rows, Text
from opsdesk.core.report.tables import cell, inked
from opsdesk.core.report.text import para

if TYPE_CHECKING:
    from opsdesk.core.report.a3 import A3Data

Sheet = dict[str, Any]
MAX_ZOOM = 1.4  # a small fishbone is drawn larger, up to this, to fill its box


def _lead(text: str) -> str:
    return f"<b>{para(text)}</b> "


def _missing(what: str, s: Sheet) -> Text:
    return Text(what, s["small"])


def background(data: A3Data, s: Sheet) -> list[Block]:
    c = data.stored.project.charter
    out: list[Block] = []
    if c.problem.strip():
        out.append(Text(c.problem, s["body"], _lead("Problem:")))
    if c.business_case.strip():
        out.append(Text(c.business_case, s["body"], _lead("Why it matters:")))
    if c.scope_in:
        out.append(Text("; ".join(c.scope_in), s["body"], _lead("In scope:")))
    if c.scope_out:
        out.append(Text("; ".join(c.scope_out), s["body"], _lead("Out of scope:")))
    return out or [_missing("No problem statement or business case written yet.", s)]


def _kpi_value(data: A3Data, value: float | None, unit: bool = True) -> str:
    from opsdesk.core.kpi.formatting import fmt

    assert data.kpi is not None
    return fmt(data.kpi, value, unit)


def current(data: A3Data, s: Sheet) -> list[Block]:
    from opsdesk.core.report.kpi_source import direction_text, target_text

    kpi, status = data.kpi, data.status
    if kpi is None or status is None:
        return [_missing("No KPI is linked to the project: its current condition is in "
                         "the background.", s)]
    out: list[Block] = [Text(f"{kpi.name} ({direction_text(kpi).lower()})", s["strong"])]
    link = data.stored.project.kpis[0]
    if link.baseline is not None:
        out.append(Text(_kpi_value(data, link.baseline), s["body"], _lead("Baseline:")))
    result = data.verdict.result
    if result is not None and result.before_mean is not None:
        out.append(Text(f"{_kpi_value(data, result.before_mean)} over the {result.before_n} "
                        f"periods before {result.split_label}", s["body"],
                        _lead("Before the change:")))
    if status.value is not None:
        word = styles.STATUS_WORD.get(status.status, status.status)
        out.append(Text(f"{status.period}: {_kpi_value(data, status.value)}, {word.lower()} "
                        f"against the target {target_text(kpi, status.target, True)}",
                        s["body"], _lead("Latest period:")))
    else:
        out.append(_missing(f"{kpi.name} has no data judged yet.", s))
    return out


def goal(data: A3Data, s: Sheet) -> list[Block]:
    p = data.stored.project
    out: list[Block] = []
    if p.charter.goal.strip():
        out.append(Text(p.charter.goal, s["body"], _lead("Goal:")))
    if p.kpis and p.kpis[0].target is not None and data.kpi is not None:
        out.append(Text(_kpi_value(data, p.kpis[0].target), s["body"],
                        _lead(f"{data.kpi.name} target:")))
    if p.due_on is not None:
        out.append(Text(p.due_on.isoformat(), s["body"], _lead("Due:")))
    for m in p.charter.milestones:
        state = (f"done {m.done_on.isoformat()}" if m.done_on else
                 "late" if m.late(data.as_of) else "due")
        out.append(Text(f"{m.name}: {m.due.isoformat()} ({state})", s["bullet"],
                        "•&nbsp;"))
    return out or [_missing("No goal statement yet.", s)]


def analysis(data: A3Data, s: Sheet, scale: float) -> list[Block]:
    from opsdesk.core.improve.fishbone_layout import layout
    from opsdesk.core.improve.root_cause_store import fishbone_of, whys_of
    from opsdesk.core.report.fishbone_render import render_fishbone

    p = data.stored.project
    if not data.causes:
        return [_missing("No root causes recorded yet (a fishbone and five whys go here).",
                         s)]
    effect = p.charter.problem or p.name
    spec = layout(fishbone_of(_short(effect), list(data.causes)), font_size=8.0)

    def fishbone(width: float, height: float) -> Any:
        return render_fishbone(spec, min(MAX_ZOOM * scale, width / spec.width,
                                         height / spec.height))

    out: list[Block] = [Picture(fishbone, spec.height * MAX_ZOOM * scale, 140 * scale)]
    confirmed = sum(1 for c in data.causes if c.confirmed)
    n = len(data.causes)
    rest = "; the others are still open." if confirmed < n else "."
    out.append(Text(f"{n} cause{'' if n == 1 else 's'}, {confirmed} confirmed (dark blue on "
                    f"the diagram){rest}", s["small"]))
    for c in data.causes:
        chain = whys_of(c, _short(effect))
        steps = " → ".join([chain.problem, *(w.answer for w in chain.steps)])
        mark = f" ({c.status})" if c.status != "open" else ""
        cause = para(" ".join(c.cause.split()))
        out.append(Text(steps, s["bullet"],
                        f"•&nbsp;<b>{para(c.category)}: {cause}</b>{mark}. 5 whys: "))
    return out


def _short(effect: str, limit: int = 90) -> str:
    """The effect box of a fishbone holds a phrase: a long problem statement is cut."""
    text = " ".join(effect.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def countermeasures(data: A3Data, s: Sheet) -> list[Block]:
    if not data.actions:
        return [_missing("No countermeasures (actions) yet.", s)]
    return [Text(a.title, s["bullet"], "•&nbsp;",
                 f' <font color="{styles.MUTED}">({para(a.priority)} priority, '
                 f"{para(a.status)})</font>") for a in data.actions]


def plan(data: A3Data, s: Sheet) -> list[Block]:
    if not data.actions:
        return [_missing("No actions planned yet.", s)]
    rows = []
    for a in data.actions:
        due: Any = cell(a.due.isoformat() if a.due else "–")
        if a.overdue(data.as_of):
            due = inked(f"{a.due} overdue", styles.STATUS_INK["red"])
        rows.append((cell(a.title), cell(a.owner or "–"), due, cell(a.status)))
    return [Rows(("Action", "Owner", "Due", "Status"), tuple(rows), (0.46, 0.2, 0.21, 0.13),
                 "… and {n} more actions in the workspace.", s["small"])]


def follow_up(data: A3Data, s: Sheet, scale: float) -> list[Block]:
    v = data.verdict
    out: list[Block] = [Text(v.sentence, s["strong"])]
    for sentence in v.evidence:
        out.append(Text(sentence, s["small"]))
    spec = v.chart()
    if spec is not None:
        from opsdesk.core.report.chart_render import render

        out.append(Picture(lambda w, h: render(spec, w, h), 300 * scale, 110 * scale))
    stored, currency = data.stored, data.currency.strip()

    def money(value: float | None) -> str:
        if value is None:
            return "not stated"
        return f"{currency} {value:,.0f}" if currency else f"{value:,.0f}"

    out.append(Text(f"expected {money(stored.expected_benefit)}, realised so far "
                    f"{money(stored.realised_benefit)}.", s["body"], _lead("Benefits:")))
    return out
