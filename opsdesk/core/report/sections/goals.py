"""Goals: the strategy the review serves, each goal with its status from the KPIs that
measure it (``improve.goal_store.strategy``, as the app's Strategy tab shows it), what it
serves and what moves it; longest horizon first."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report import styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, markup_cell, status_cell
from opsdesk.core.report.text import NAME_CHARS, clip, para

# a goal's status in the KPI register's words, for its colour and symbol
LOOK = {"on track": "green", "at risk": "amber", "off track": "red", "no data": "no data"}


def build(ctx: BuildContext) -> list[Any] | None:
    if not ctx.table_exists("goals"):
        return None
    from opsdesk.core.improve.goal_store import strategy

    s = strategy(ctx.conn, ctx.as_of)
    if not s.goals:
        return None
    counts = {word: sum(v == word for v in s.status.values()) for word in LOOK}
    said = ", ".join(f"{n} {word}" for word, n in counts.items() if n)
    out: list[Any] = [ctx.section_heading(TITLES["goals"]),
                      ctx.p(f"{len(s.goals)} goals as of {s.as_of.isoformat()}: {said}. A "
                            "goal is off track when a KPI measuring it is red (or it is past "
                            "its date and not all green), at risk when one is amber.")]
    titles = {g.id: g.title for g in s.goals}
    rows = []
    for g in s.goals:
        serves = (f'<br/><font color="{styles.MUTED}">serves '
                  f"{para(clip(titles.get(g.serves, ''), NAME_CHARS))}</font>"
                  if g.serves else "")
        kpis = ", ".join(s.kpi_names.get(k.ref, "?") + (" (weak)" if k.strength == "weak"
                                                      else "") for k in g.kpis) or "–"
        projects = ", ".join(s.project_names.get(p.ref, "?") for p in g.projects) or "–"
        rows.append([markup_cell(f"<b>{para(clip(g.title, NAME_CHARS))}</b>{serves}"),
                     cell(g.pillar), cell(g.horizon), cell(g.owner or "–"),
                     cell(g.target_date.isoformat()),
                     status_cell(LOOK[s.status[g.id]], s.status[g.id]),
                     cell(clip(kpis)), cell(clip(projects))])
    w = ctx.width
    out.append(data_table(
        ["Goal", "Pillar", "Horizon", "Owner", "Target", "Status", "Measured by", "Moved by"],
        rows, [w * f for f in (0.22, 0.09, 0.08, 0.1, 0.09, 0.1, 0.17, 0.15)]))
    for note in s.matrix.notes:
        out.append(ctx.p(note, "note"))
    return out


register(Section("goals", TITLES["goals"], "", build))
