"""Executive summary: status counts by pillar, what needs attention, the author's text."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Spacer

from opsdesk.core.report import kpi_source, styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, markup_cell, status_cell
from opsdesk.core.report.text import para

ATTENTION = ("red", "amber", "stale")


JUDGED = ("green", "amber", "red", "stale")
# How the headline names the KPIs that are not judged, each by why.
UNJUDGED = {"no data": "without data", "no target": "without a target",
            "no direction": "with no direction yet"}
# Columns of the by-pillar table; "no target" and "no direction" only while some KPI has
# them, as on the dashboard.
COLUMNS = (*JUDGED, "no data", "no target", "no direction")
SHOWN_WHEN_ANY = ("no target", "no direction")


def _headline(counts: dict[str, int], total: int) -> str:
    parts = [f"<b>{counts[s]}</b> {styles.STATUS_WORD[s].lower()}"
             for s in JUDGED if counts.get(s)]
    parts += [f"<b>{counts[s]}</b> {words}" for s, words in UNJUDGED.items() if counts.get(s)]
    listed = ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]
    return f"Of the <b>{total}</b> KPIs in this review, {listed}."


def build(ctx: BuildContext) -> list[Any] | None:
    statuses = kpi_source.statuses(ctx)
    out: list[Any] = [ctx.section_heading(TITLES["summary"])]
    if ctx.config.summary_text.strip():
        out.append(ctx.p(ctx.config.summary_text, "callout"))
    if not statuses:
        out.append(ctx.m("The workspace holds no KPIs yet, so there is nothing to summarise."))
        return out
    counts: dict[str, int] = {}
    for s in statuses:
        counts[s.status] = counts.get(s.status, 0) + 1
    out.append(ctx.m(_headline(counts, len(statuses))))
    out.append(ctx.sub_heading("Status by pillar"))
    pillars: dict[str, dict[str, int]] = {}
    for s in statuses:
        row = pillars.setdefault(s.kpi.pillar, {})
        row[s.status] = row.get(s.status, 0) + 1
    columns = [c for c in COLUMNS if c not in SHOWN_WHEN_ANY or counts.get(c)]
    header = ["Pillar", *(f"{styles.STATUS_SYMBOL[c]} {styles.STATUS_WORD[c]}" for c in columns),
              "Total"]
    rows, fills = [], []
    for r, (pillar, row) in enumerate(sorted(pillars.items())):
        values = [row.get(c, 0) for c in columns]
        rows.append([cell(pillar[:1].upper() + pillar[1:]),
                     *(cell(v or "–", "center") for v in values),
                     cell(sum(values), "center")])
        fills += [(i + 1, r, styles.STATUS_FILL[c]) for i, c in enumerate(columns) if
                  values[i] and c in ("green", "amber", "red")]
    width = ctx.width
    first = 0.25 if len(columns) == 5 else 0.16  # narrower pillars leave room for more
    share = (1 - first) / (len(columns) + 1)
    out.append(data_table(header, rows, [width * first] + [width * share] * (len(columns) + 1),
                          ["left"] + ["center"] * (len(columns) + 1), fills))
    needing = [s for s in statuses if s.status in ATTENTION]
    needing.sort(key=lambda s: (ATTENTION.index(s.status), s.kpi.pillar, s.kpi.name.lower()))
    out.append(ctx.sub_heading("KPIs that need attention"))
    if not needing:
        out.append(ctx.m("Every KPI with data and a target is on track."))
        return out
    rows = []
    for s in needing:
        k = s.kpi
        value = kpi_source.fmt(k, s.value, unit=True)
        against = kpi_source.target_text(k, s.target, unit=True)
        comment = k.comment or ("Last data " + (s.last_date or "–") if s.status == "stale"
                                else "")
        rows.append([markup_cell(f"<b>{para(k.name)}</b><br/>"
                                 f'<font color="{styles.MUTED}">{para(kpi_source.pillar(k))}'
                                 f" · {para(s.period or '–')}</font>"),
                     status_cell(s.status), cell(value, "right"), cell(against, "right"),
                     cell(k.owner), cell(comment)])
    out.append(data_table(["KPI", "Status", "Value", "Target", "Owner", "Comment"], rows,
                          [width * f for f in (0.25, 0.13, 0.11, 0.11, 0.14, 0.26)],
                          ["left", "left", "right", "right"]))
    out.append(Spacer(1, 4))
    out.append(ctx.m("Status is judged on the latest completed period against the target in "
                     "force then; the appendix gives the rules.", "note"))
    return out


register(Section("summary", TITLES["summary"], "", build))
