"""Appendix: every KPI's definition, every statistic's definition, data sources and imports."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report import kpi_source
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, file_cell, markup_cell
from opsdesk.core.report.text import clip, para


def _red_rule(k: Any) -> str:
    from opsdesk.core.kpi.definitions import DEFAULT_RED_PERCENT

    if k.direction == "band":
        return "Band; at risk within its margin"
    if k.direction == "none":
        return "None until a direction is set"
    if k.red_value is not None:
        return f"Red beyond {kpi_source.fmt(k, k.red_value)}"
    percent = k.red_percent if k.red_percent is not None else DEFAULT_RED_PERCENT[k.direction]
    return f"Red beyond {percent:g} % of target"


def _kpi_definitions(ctx: BuildContext) -> list[Any]:
    kpis = kpi_source.all_kpis(ctx)
    rows = []
    for k in kpis:
        targets = "; ".join(
            f"{t.effective_from}: {kpi_source.target_text(k, t)}" for t in k.targets) or "–"
        rows.append([
            markup_cell(f"<b>{para(k.name)}</b><br/>{para(clip(k.description))}"),
            cell(f"{k.unit or '–'}"),
            cell(f"{kpi_source.direction_text(k)}; {k.frequency}, {k.aggregation}"),
            cell(targets), cell(_red_rule(k)), cell(k.data_source or "–"), cell(k.owner or "–"),
        ])
    w = ctx.width
    return [ctx.sub_heading("KPI definitions"), data_table(
        ["KPI", "Unit", "Direction; period, aggregation", "Targets (from)", "Status rule",
         "Source", "Owner"], rows, [w * f for f in (0.25, 0.08, 0.17, 0.16, 0.14, 0.1, 0.1)])]


def _statistics(ctx: BuildContext) -> list[Any]:
    from opsdesk.core.kpi.definitions import DEFAULT_RED_PERCENT
    from opsdesk.core.kpi.forecast import FIT_PERIODS, METHOD, MIN_PERIODS
    from opsdesk.core.kpi.status import FLAT_SHARE
    from opsdesk.core.spc.rules import DEFAULT_K, describe

    higher, lower = DEFAULT_RED_PERCENT["higher"], DEFAULT_RED_PERCENT["lower"]
    terms = [
        ("Period value", "The KPI's observations in a period (day, ISO week, month, quarter) "
         "combined by its aggregation: sum, mean, or the last value."),
        ("Status", "The latest completed period, judged against the target in force on its "
         "first day. Higher is better: on track at or above target, at risk at or above "
         f"the red threshold (default {higher:g} % of target), else off track. Lower is "
         f"better: the mirror image (default {lower:g} %). Band: on track inside the band, "
         "at risk within the margin outside it, else off track. If the latest completed "
         "period has no data, the one before is judged; older than that, the KPI is stale. "
         "A KPI whose direction is not set yet is not judged (no direction)."),
        ("Change and trend", "The judged period's value minus the period before. A change "
         f"within {FLAT_SHARE * 100:g} % of the previous value is flat; otherwise it is "
         "improving or worsening according to the KPI's direction."),
        ("Control limits (individuals chart)", "Centre line: the mean of the period values. "
         "σ estimated as MR̄ / d₂ with d₂ = 1.128 (moving ranges of two). Limits: centre "
         "± 3σ. Limits on saved control charts follow their chart type; each chart states "
         "its estimator and constants."),
        ("Signals", "Tests for special causes, numbered as in Minitab: "
         + "; ".join(describe(t, k) for t, k in DEFAULT_K.items())
         + ". Each KPI uses its rule set (Nelson, Western Electric, AIAG or Montgomery)."),
        ("Forecast", f"{METHOD}: level and trend smoothed with α and β chosen by least "
         f"squares on up to {FIT_PERIODS} periods, and Holt's damped trend (Gardner & "
         "McKenzie 1985), which also fits the damping φ; the one with the lower AICc is "
         "drawn, and each chart says which. The interval is the 95 % prediction interval "
         "from the one-step errors, kept within the KPI's natural range. At least "
         f"{MIN_PERIODS} periods are needed."),
        ("Process capability", "Cp = (USL − LSL) / 6σ and Cpk = min(USL − μ, μ − LSL) / 3σ "
         "with σ the within-subgroup estimate; Pp and Ppk use the overall standard "
         "deviation instead."),
        ("Pareto", "Categories in decreasing order of count, with the cumulative share."),
    ]
    w = ctx.width
    rows = [[markup_cell(f"<b>{para(a)}</b>"), cell(b, limit=None)] for a, b in terms]
    return [ctx.sub_heading("Statistics used"),
            data_table(["Term", "Definition"], rows, [w * 0.22, w * 0.78])]


def _imports(ctx: BuildContext) -> list[Any]:
    out: list[Any] = [ctx.sub_heading("Data sources and import history")]
    sources = ctx.rows(
        "SELECT k.data_source AS source, count(DISTINCT k.id) AS kpis, count(o.id) AS rows,"
        " min(o.ts) AS first, max(o.ts) AS last FROM kpis k LEFT JOIN observations o"
        " ON o.kpi_id = k.id WHERE k.archived = 0 GROUP BY k.data_source ORDER BY k.data_source")
    w = ctx.width
    out.append(data_table(
        ["Data source", "KPIs", "Observations", "First", "Latest"],
        [[cell(s["source"] or "–"), cell(s["kpis"], "right"),
          cell(f"{s['rows']:,}", "right"), cell(str(s["first"] or "–")[:10]),
          cell(str(s["last"] or "–")[:10])] for s in sources],
        [w * 0.34, w * 0.12, w * 0.18, w * 0.18, w * 0.18],
        ["left", "right", "right", "left", "left"]))
    imports = ctx.rows(
        "SELECT file_name, sheet, imported_at, imported_by, rows_read, rows_imported,"
        " rows_skipped, duplicates, undone_at, restated FROM imports ORDER BY imported_at, id")
    out.append(ctx.m("Imports", "h3"))
    if not imports:
        out.append(ctx.m("No spreadsheet imports are recorded: the data were entered or "
                         "generated in the workspace.", "small"))
        return out
    # Who imported is recorded as the operating-system login ("root", "jdoe"), which is
    # not a name for a client: the review's author answers for the data, else no column.
    author = ctx.config.author.strip()
    rows = [[file_cell(i["file_name"] + (f" [{i['sheet']}]" if i["sheet"] else "")),
             cell(str(i["imported_at"])[:16].replace("T", " ")),
             *([cell(author)] if author else []),
             cell(f"{i['rows_read']:,}", "right"), cell(f"{i['rows_imported']:,}", "right"),
             cell(f"{i['rows_skipped']:,}", "right"), cell(f"{i['duplicates']:,}", "right"),
             cell(f"{len(_replaced(i)):,}", "right"),
             cell("undone " + str(i["undone_at"])[:10] if i["undone_at"] else "kept")]
            for i in imports]
    header = ["File", "Imported", "By", "Read", "Imported", "Skipped", "Duplicates",
              "Replaced", "State"]
    shares = [0.26, 0.13, 0.1, 0.07, 0.08, 0.08, 0.09, 0.09, 0.1]
    align = ["left", "left", "left", "right", "right", "right", "right", "right", "left"]
    if not author:
        del header[2], align[2]
        shares[0] += shares.pop(2)
    out.append(data_table(header, rows, [w * f for f in shares], align))
    out += [ctx.m(para(line), "small") for line in _replacements(ctx, imports)]
    return out


def _replaced(i: dict[str, Any]) -> list[tuple[int, float, float]]:
    """The stored values an import replaced (observation id, before, after); none once
    it is undone, which put them back."""
    import json

    return [] if i["undone_at"] else [tuple(r) for r in json.loads(i["restated"] or "[]")]


SHOWN_REPLACED = 12  # per import; the workspace's audit trail holds every one


def _replacements(ctx: BuildContext, imports: list[dict[str, Any]]) -> list[str]:
    """One sentence per import that replaced stored values: which, from what, to what."""
    from datetime import date

    from opsdesk.core.kpi.periods import label, start_of

    kpis = {k.id: k for k in kpi_source.all_kpis(ctx)}
    out = []
    for i in imports:
        replaced = _replaced(i)
        if not replaced:
            continue
        ids = [r[0] for r in replaced[:SHOWN_REPLACED]]
        where = dict((r["id"], r) for r in ctx.rows(
            f"SELECT id, kpi_id, ts FROM observations WHERE id IN ({','.join('?' * len(ids))})",
            tuple(ids)))
        said = []
        for observation_id, before, after in replaced[:SHOWN_REPLACED]:
            row = where.get(observation_id)
            k = kpis.get(row["kpi_id"]) if row else None
            if row is None or k is None:
                continue  # deleted since, with its KPI
            day = date.fromisoformat(str(row["ts"])[:10])
            said.append(f"{k.name} {label(start_of(day, k.frequency), k.frequency)}: "
                        f"{kpi_source.fmt(k, before, unit=True)} → "
                        f"{kpi_source.fmt(k, after, unit=True)}")
        more = len(replaced) - SHOWN_REPLACED
        n = len(replaced)
        out.append(f"{i['file_name']} replaced {n:,} stored value{'' if n == 1 else 's'}: "
                   + "; ".join(said) + (f"; and {more:,} more" if more > 0 else "") + ".")
    return out


def _audit(ctx: BuildContext) -> list[Any]:
    """The audit head this review was made from: ``opsdesk check --against`` verifies it."""
    from opsdesk.core.workspace.audit import pin_text

    return [ctx.m("Audit trail", "h3"),
            ctx.m(para(pin_text(ctx.conn)) + " Check that the workspace still holds this "
                  "history with: opsdesk check WORKSPACE --against THIS.pdf", "small")]


def build(ctx: BuildContext) -> list[Any] | None:
    return [ctx.section_heading(TITLES["appendix"]), *_kpi_definitions(ctx),
            *_statistics(ctx), *_imports(ctx), *_audit(ctx)]


register(Section("appendix", TITLES["appendix"], "", build))
