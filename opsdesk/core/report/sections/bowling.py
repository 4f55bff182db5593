"""The bowling chart: twelve months across, target and actual per chosen KPI (landscape)."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report import kpi_source, styles
from opsdesk.core.report.context import BuildContext
from opsdesk.core.report.registry import Section, register
from opsdesk.core.report.section_catalogue import TITLES
from opsdesk.core.report.tables import cell, data_table, inked, markup_cell
from opsdesk.core.report.text import para

PERIODS = 12


def _target(kpi: Any, c: Any) -> str:
    if c.band is not None:
        return f"{kpi_source.fmt(kpi, c.band[0])}–{kpi_source.fmt(kpi, c.band[1])}"
    return kpi_source.fmt(kpi, c.target) if c.target is not None else ""


def build(ctx: BuildContext) -> list[Any] | None:
    from opsdesk.core.kpi.bowling import bowling

    ids = list(ctx.config.bowling_kpi_ids or ctx.config.kpi_ids) or None
    if ids == (list(ctx.config.kpi_ids) or None):  # the KPIs the other sections show
        chart = bowling(ctx.conn, ctx.as_of, "monthly", PERIODS, kpis=kpi_source.all_kpis(ctx),
                        values_by_id=kpi_source.values_as_of(ctx))
    else:
        chart = bowling(ctx.conn, ctx.as_of, "monthly", PERIODS, ids)
    rows_in = [r for r in chart.rows if any(c.value is not None for c in r.cells)]
    if not rows_in:
        return None
    out: list[Any] = [ctx.section_heading(TITLES["bowling"])]
    out.append(ctx.m(
        "Each KPI's monthly value (its own aggregation of the month's observations) under "
        "the target in force at the start of the month. Each actual shows its status by "
        f"symbol and shade: {styles.STATUS_SYMBOL['green']} on track, "
        f"{styles.STATUS_SYMBOL['amber']} at risk, {styles.STATUS_SYMBOL['red']} off track.",
        "small"))
    months = [p for p in chart.periods]
    header = ["KPI", "", *months]
    rows: list[list[Any]] = []
    fills: list[tuple[int, int, str]] = []
    for row in rows_in:
        k = row.kpi
        unit = f' <font color="{styles.MUTED}">({para(k.unit)})</font>' if k.unit else ""
        name = markup_cell(f"<b>{para(k.name)}</b>{unit}")
        targets = [cell(_target(k, c), "right") for c in row.cells]
        actuals = []
        for i, c in enumerate(row.cells):
            if c.value is None:
                actuals.append(cell("", "right"))
                continue
            status = c.status or "no data"
            symbol = styles.STATUS_SYMBOL.get(status, "")
            ink = styles.STATUS_INK.get(status, styles.MUTED)
            actuals.append(inked(f"{kpi_source.fmt(k, c.value)} {symbol}", ink, "right"))
            fills.append((i + 2, len(rows) + 1, styles.STATUS_FILL.get(status, "#ffffff")))
        rows.append([name, inked("Target", styles.MUTED, bold=False), *targets])
        rows.append(["", inked("Actual", styles.INK), *actuals])
    w = ctx.width
    rest = (w - w * 0.17 - 36) / PERIODS
    table = data_table(header, rows, [w * 0.17, 36] + [rest] * PERIODS,
                       ["left", "left"] + ["right"] * PERIODS, fills, zebra=False)
    _pair_rows(table, len(rows))
    out.append(table)
    return out


def _pair_rows(table: Any, count: int) -> None:
    """Span each KPI name over its two rows, and rule between KPIs, not inside them."""
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle

    commands: list[tuple[Any, ...]] = []
    for first in range(1, count + 1, 2):
        commands += [("SPAN", (0, first), (0, first + 1)),
                     ("LINEBELOW", (0, first), (-1, first), 0, colors.white),
                     ("LINEBELOW", (0, first + 1), (-1, first + 1), 0.6,
                      colors.HexColor(styles.RULE))]
    table.setStyle(TableStyle(commands))


register(Section("bowling", TITLES["bowling"], "", build, landscape=True))
