"""Charts and analyses of a worksheet's columns: the same engine and the same requests
as ``opsdesk spc`` and ``opsdesk pareto`` on a file, so a pasted column gives the numbers
the command line gives for that column saved as CSV."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from opsdesk.core.charts.spec import ChartSpec
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.run_spc import SpcRequest, capability_charts_for, run_request
from opsdesk.core.spc.table_input import Table
from opsdesk.core.worksheet.grid import Grid

PARETO = "pareto"


@dataclass(frozen=True)
class ParetoRequest:
    category: str
    count: str | None = None  # a count per row (default: one per row)


@dataclass(frozen=True)
class Analysis:
    specs: tuple[ChartSpec, ...]  # the charts, in the order they are shown
    lines: tuple[str, ...]  # the readable summary, as the command line prints it


def filled(grid: Grid, column: str) -> Grid:
    """The rows down to ``column``'s last value: columns of different lengths side by side
    are the usual worksheet, and the blanks under a short column are no missing values."""
    if column not in grid.names:
        raise OpsdeskError(f"There is no column {column!r} in the worksheet.")
    cells = grid.columns[grid.names.index(column)]
    last = max((i for i, text in enumerate(cells) if text), default=-1)
    return Grid(grid.names, tuple(c[:last + 1] for c in grid.columns))


def filled_to(grid: Grid, columns: Sequence[str | None]) -> Grid:
    """The rows down to the last value of the longest of ``columns`` (the others must be
    as long: a blank above that row is refused by the analysis, with its row named)."""
    named = [c for c in columns if c]
    for column in named:
        filled(grid, column)  # names a column that is not there
    heights = [filled(grid, c).height for c in named]
    height = max(heights, default=grid.height)
    return Grid(grid.names, tuple(c[:height] for c in grid.columns))


def table_of(grid: Grid, name: str) -> Table:
    if grid.height == 0:
        raise OpsdeskError("The worksheet is empty: paste or type some values first.")
    return Table.of_raw(grid.raw_table(name), name)


def chart(grid: Grid, name: str, request: SpcRequest) -> Analysis:
    """A control chart (with capability when specification limits are given)."""
    from opsdesk.core.spc.chart_spec import control_chart_spec
    from opsdesk.core.spc.summary import summary_lines

    columns = [c.strip() for c in request.value.split(",") if c.strip()]  # T²: several
    table = table_of(filled_to(grid, columns), name)
    result, cap, payload = run_request(table, request)
    specs: tuple[ChartSpec, ...] = (control_chart_spec(result, request.value),)
    if cap is not None:  # with spec limits: the capability histogram and probability plot
        specs += capability_charts_for(table, request, result, cap)
    return Analysis(specs, tuple(summary_lines(result, cap, payload.get("capability"))))


def pareto_chart(grid: Grid, name: str, category: str, count: str | None = None) -> Analysis:
    from opsdesk.core.spc.chart_spec import pareto_spec
    from opsdesk.core.spc.pareto import pareto

    table = table_of(filled(grid, count or category), name)
    texts = table.text(category)
    counts = table.numbers(count) if count else None
    # A blank category is a row with nothing to count (a pack with no defect).
    kept = [i for i, text in enumerate(texts) if text.strip()]
    if not kept:
        raise OpsdeskError(f"Column {category!r} holds no categories to count.")
    result = pareto([texts[i] for i in kept], [counts[i] for i in kept] if counts else None)
    lines = tuple(f"{c}: {n:g} ({cum:.1f} % cumulative)" for c, n, cum in
                  zip(result.categories, result.counts, result.cumulative_percent, strict=True))
    return Analysis((pareto_spec(result, f"Pareto of {category}"),), lines)
