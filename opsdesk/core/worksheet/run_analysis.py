"""One entry point for every analysis of a worksheet: the request says which (a control
chart, a Pareto, a capability sixpack, a gage study or a statistical test), and the
answer is always an ``Analysis`` (charts and the lines the command line prints)."""

from __future__ import annotations

from opsdesk.core.msa.run_gage import GageRequest
from opsdesk.core.spc.run_spc import SpcRequest
from opsdesk.core.stats.run_stats import StatsRequest
from opsdesk.core.worksheet.analysis import Analysis, ParetoRequest, chart, pareto_chart
from opsdesk.core.worksheet.grid import Grid
from opsdesk.core.worksheet.sixpack_analysis import SixpackRequest, sixpack_analysis

Request = SpcRequest | ParetoRequest | SixpackRequest | GageRequest | StatsRequest


def run_analysis(grid: Grid, name: str, request: Request) -> Analysis:
    """``request`` on the worksheet ``grid`` (named ``name`` in messages); an
    ``OpsdeskError`` says in one sentence what is wrong with the columns chosen."""
    from opsdesk.core.worksheet.gage_analysis import gage_analysis
    from opsdesk.core.worksheet.stats_analysis import stats_analysis

    if isinstance(request, SpcRequest):
        return chart(grid, name, request)
    if isinstance(request, ParetoRequest):
        return pareto_chart(grid, name, request.category, request.count)
    if isinstance(request, SixpackRequest):
        return sixpack_analysis(grid, name, request)
    if isinstance(request, GageRequest):
        return gage_analysis(grid, name, request)
    return stats_analysis(grid, name, request)
