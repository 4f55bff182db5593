"""The report's one door to the KPI engine (``opsdesk.core.kpi``): statuses, period values.

Results are cached on the build context, so the summary, scorecard and KPI pages share
one computation: the KPI definitions, the period values up to the status date and each
KPI's individuals chart are made once per build, and the trend charts reuse them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opsdesk.core.charts import ChartSpec
    from opsdesk.core.kpi.aggregate import PeriodValues
    from opsdesk.core.kpi.definitions import Kpi
    from opsdesk.core.kpi.scorecard import KpiStatus
    from opsdesk.core.kpi.signals import IndividualsMemo
    from opsdesk.core.report.context import BuildContext


def statuses(ctx: BuildContext) -> list[KpiStatus]:
    """Every chosen KPI's status as of the end of the reporting period (what
    ``compute_statuses`` gives, from the values this build shares).

    Without forecasts: each KPI page's trend chart fits and shows its own, and fitting
    twice doubled the build time of the review."""
    if "statuses" not in ctx.cache:
        from opsdesk.core.kpi.scorecard import kpi_status

        values = values_as_of(ctx)
        ctx.cache["statuses"] = [kpi_status(k, values.get(k.id), ctx.as_of,
                                            chart_of=_charts(ctx)) for k in all_kpis(ctx)]
    result: list[KpiStatus] = ctx.cache["statuses"]
    return result


def values_as_of(ctx: BuildContext) -> dict[int, PeriodValues]:
    """The chosen KPIs' period values up to the status date, in one query per frequency."""
    if "values_as_of" not in ctx.cache:
        from opsdesk.core.kpi.aggregate import period_values as compute

        ctx.cache["values_as_of"] = compute(ctx.conn, all_kpis(ctx), ctx.as_of)
    result: dict[int, PeriodValues] = ctx.cache["values_as_of"]
    return result


def _charts(ctx: BuildContext) -> IndividualsMemo:
    if "individuals" not in ctx.cache:
        from opsdesk.core.kpi.signals import IndividualsMemo

        ctx.cache["individuals"] = IndividualsMemo()
    memo: IndividualsMemo = ctx.cache["individuals"]
    return memo


def trend_chart(ctx: BuildContext, kpi: Kpi) -> ChartSpec:
    """The KPI engine's trend chart as of the status date, from the shared values."""
    from opsdesk.core.kpi.trend_spec import trend_spec

    return trend_spec(ctx.conn, kpi.id, ctx.as_of, kpi=kpi, values_by_id=values_as_of(ctx),
                      chart_of=_charts(ctx))


def all_kpis(ctx: BuildContext) -> list[Kpi]:
    if "kpis" not in ctx.cache:
        from opsdesk.core.kpi.definitions import load_kpis
        from opsdesk.core.report.text import NAME_CHARS, clip

        kpis = load_kpis(ctx.conn, list(ctx.config.kpi_ids) or None, include_archived=False)
        # Any stored name, however long (another program's), must fit a heading and a cell.
        ctx.cache["kpis"] = [replace(k, name=clip(k.name, NAME_CHARS)) for k in kpis]
    result: list[Kpi] = ctx.cache["kpis"]
    return result


def period_values(ctx: BuildContext, kpis: list[Kpi],
                  until: date | None = None) -> dict[int, PeriodValues]:
    """Each KPI's values per period of its own frequency, up to the end of the period."""
    from opsdesk.core.kpi.aggregate import period_values as compute

    return compute(ctx.conn, kpis, until or ctx.end)


def fmt(kpi: Kpi, value: float | None, unit: bool = False) -> str:
    from opsdesk.core.kpi.formatting import fmt as format_value

    return format_value(kpi, value, unit).replace("-", "−")


def signed(kpi: Kpi, value: float | None, like: float | None, unit: bool = False) -> str:
    """A change with the decimals of ``like``, the value it leads to (as the app and the
    CLI show it); with ``unit``, a percentage's change in pp."""
    from opsdesk.core.kpi.formatting import signed as format_signed

    return format_signed(kpi, value, like, unit).replace("-", "−")


def target_text(kpi: Kpi, target: Any, unit: bool = False) -> str:
    from opsdesk.core.kpi.formatting import target_text as format_target

    return format_target(kpi, target, unit).replace("-", "−")


def direction_text(kpi: Kpi) -> str:
    return {"higher": "Higher is better", "lower": "Lower is better",
            "band": "Within a band", "none": "Not set"}.get(kpi.direction, kpi.direction)


def pillar(kpi: Kpi) -> str:
    return kpi.pillar[:1].upper() + kpi.pillar[1:]
