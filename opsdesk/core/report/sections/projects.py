"""Improvement projects and their actions; incidents' follow-up actions too.

After the portfolio, each active project's summary: its problem and goal, and the
before/after verdict on its KPI in plain words (``improve.project_verdict``, as the A3
prints it) with the evidence beside it and the KPI's staged chart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from opsdesk.core.report import styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, markup_cell
from opsdesk.core.report.text import NAME_CHARS, clip, para

OPEN = ("open", "in progress")


def _money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "–"
    return f"{currency} {value:,.0f}" if currency else f"{value:,.0f}"


def _due(due: str | None, status: str, end: date) -> Any:
    if not due:
        return cell("–")
    late = status in OPEN and due < end.isoformat()
    if late:
        return markup_cell(f'<font color="{styles.STATUS_INK["red"]}"><b>{para(due)} '
                           "overdue</b></font>")
    return cell(due)


def _portfolio(ctx: BuildContext) -> list[dict[str, Any]]:
    """The projects as the portfolio lists them (benefits: their months summed)."""
    from opsdesk.core.improve.project_store import list_projects

    out = []
    for s in list_projects(ctx.conn, ctx.as_of):
        p = s.project
        out.append({"id": p.id, "name": p.name, "methodology": p.methodology,
                    "phase": p.phase, "status": p.status, "owner": p.charter.leader,
                    "goal": p.charter.goal, "kpi": s.kpi,
                    "due_on": None if p.due_on is None else p.due_on.isoformat(),
                    "expected_benefit": s.expected_benefit,
                    "realised_benefit": s.realised_benefit})
    return sorted(out, key=lambda p: (p["status"] == "done", p["due_on"] or "", p["id"]))


def build(ctx: BuildContext) -> list[Any] | None:
    projects = _portfolio(ctx)
    actions = ctx.rows(
        "SELECT a.project_id, a.incident_id, a.title, a.owner, a.status, a.due_on,"
        " i.title AS incident FROM actions a LEFT JOIN incidents i ON i.id = a.incident_id"
        " ORDER BY a.due_on IS NULL, a.due_on, a.id")
    if not projects and not actions:
        return None
    w = ctx.width
    out: list[Any] = [ctx.section_heading(TITLES["projects"])]
    if projects:
        active = sum(1 for p in projects if p["status"] not in ("done", "cancelled"))
        expected = sum(p["expected_benefit"] or 0 for p in projects)
        realised = sum(p["realised_benefit"] or 0 for p in projects)
        currency = ctx.config.currency.strip()
        out.append(ctx.p(f"{len(projects)} projects, {active} under way; expected benefit "
                         f"{_money(expected, currency)}, realised so far "
                         f"{_money(realised, currency)}."))
        rows = [[markup_cell(f"<b>{para(clip(p['name'], NAME_CHARS))}</b><br/>"
                             f"<font color=\"{styles.MUTED}\">{para(clip(p['goal']))}</font>"),
                 cell(f"{p['methodology']} · {p['phase']}"), cell(p["status"]),
                 cell(p["owner"]), cell(p["kpi"] or "–"), cell(p["due_on"] or "–"),
                 cell(_money(p["expected_benefit"]), "right"),
                 cell(_money(p["realised_benefit"]), "right")] for p in projects]
        out.append(data_table(
            ["Project", "Method · phase", "Status", "Owner", "KPI", "Due",
             *(f"{h} ({currency})" if currency else h for h in ("Expected", "Realised"))],
            rows,
            [w * f for f in (0.26, 0.11, 0.07, 0.1, 0.1, 0.12, 0.12, 0.12)],
            ["left"] * 6 + ["right", "right"]))
    out += _summaries(ctx)
    still_open = [a for a in actions if a["status"] in OPEN]
    out.append(ctx.sub_heading("Open actions"))
    if not still_open:
        out.append(ctx.m("Every action is done or cancelled."))
        return out
    names = {p["id"]: p["name"] for p in projects}
    rows = []
    for a in still_open:
        source = names.get(a["project_id"]) or (f"Incident: {a['incident']}"
                                                if a["incident"] else "–")
        rows.append([cell(a["title"]), cell(source), cell(a["owner"]), cell(a["status"]),
                     _due(a["due_on"], a["status"], ctx.end)])
    out.append(data_table(["Action", "Project or incident", "Owner", "Status", "Due"], rows,
                          [w * f for f in (0.36, 0.28, 0.13, 0.1, 0.13)]))
    return out


def _summaries(ctx: BuildContext) -> list[Any]:
    """A sub-heading, then each active project's problem, goal and verdict."""
    from opsdesk.core.improve.project_store import list_projects
    from opsdesk.core.improve.project_verdict import project_verdict

    active = [s for s in list_projects(ctx.conn, ctx.as_of) if s.project.status == "active"]
    if not active:
        return []
    out: list[Any] = [ctx.sub_heading("Active projects: before and after")]
    for stored in active:
        p = stored.project
        out.append(ctx.m(f"{para(clip(p.name, NAME_CHARS))} "
                         f'<font color="{styles.MUTED}" size="8">{para(p.methodology)} · '
                         f"{para(p.phase)} · {para(p.charter.leader or 'no leader')}</font>",
                         "h3"))
        for lead, text in (("Problem:", p.charter.problem), ("Goal:", p.charter.goal)):
            if text.strip():
                out.append(ctx.m(f"<b>{para(lead)}</b> {para(clip(text))}"))
        verdict = project_verdict(ctx.conn, p, ctx.end)
        out.append(ctx.p(verdict.sentence, "callout"))
        for sentence in verdict.evidence:
            out.append(ctx.p(sentence, "note"))
        chart = verdict.chart()
        if chart is not None:
            from opsdesk.core.report.chart_render import render
            from opsdesk.core.report.doc import ChartFlowable

            out.append(ChartFlowable(render(chart, ctx.width, 170)))
        out += _benefits(ctx, p)
    return out


def _benefits(ctx: BuildContext, p: Any) -> list[Any]:
    """The project's benefits per month, hard and soft, expected and realised, with their
    totals and the KPI estimate beside them when the project has one."""
    from opsdesk.core.improve.benefit_store import project_benefits

    b = project_benefits(ctx.conn, p, ctx.end)
    if not b.months:
        return []
    est = b.estimate_total is not None
    currency = ctx.config.currency.strip()
    heads = ["Month", "Hard expected", "Hard realised", "Soft expected", "Soft realised",
             *(["KPI estimate"] if est else [])]

    def money(v: float | None) -> Any:
        return cell(_money(v), "right")

    rows = [[cell(f"{m.month:%b %Y}"),
             money(m.hard.expected if m.hard else None),
             money(m.hard.realised if m.hard else None),
             money(m.soft.expected if m.soft else None),
             money(m.soft.realised if m.soft else None),
             *([money(m.estimate)] if est else [])] for m in b.months]
    t = b.totals
    rows.append([markup_cell("<b>Total</b>"),
                 *(markup_cell(f"<b>{_money(v)}</b>", "right") for v in
                   (t.expected_hard, t.realised_hard, t.expected_soft, t.realised_soft,
                    *([b.estimate_total] if est else [])))])
    n = len(heads)
    widths = [ctx.width * 0.16] + [ctx.width * 0.84 / (n - 1)] * (n - 1)
    out: list[Any] = [ctx.m("<b>Benefits per month</b>"
                            f"{f' ({para(currency)})' if currency else ''}: expected "
                            f"{_money(t.expected, currency)}, realised so far "
                            f"{_money(t.realised, currency)}."),
                      data_table(heads, rows, widths, ["left"] + ["right"] * (n - 1))]
    if est:
        out.append(ctx.p(b.explanation, "note"))
    return out


register(Section("projects", TITLES["projects"], "", build))
