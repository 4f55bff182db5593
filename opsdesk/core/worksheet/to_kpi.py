"""A worksheet column kept as a KPI: its observations dated by another column, and a
saved chart of it, in one undo step."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.kpi.observations import AddObservations
from opsdesk.core.spc.chart_commands import NewChart
from opsdesk.core.worksheet.analysis import filled, table_of
from opsdesk.core.worksheet.grid import Grid
from opsdesk.core.workspace.commands import Applied, Transaction


@dataclass(frozen=True)
class KpiData:
    days: tuple[str, ...]  # ISO dates, one per value
    values: tuple[float, ...]


def kpi_data(grid: Grid, sheet: str, date_column: str, value_column: str) -> KpiData:
    """The value column's numbers with the date column's dates, row by row."""
    table = table_of(filled(grid, value_column), sheet)
    values = table.numbers(value_column)
    days = table.dates(date_column)
    return KpiData(tuple(days), tuple(values))


@dataclass(frozen=True)
class SaveAsKpi:
    """A new KPI named ``name`` holding ``data`` (its meaning proposed from its name and
    data, as an import proposes it), and, when ``chart_type`` is given, a saved chart of
    it. The result is the KPI's id."""

    name: str
    data: KpiData
    chart_type: str | None = None
    unit: str = ""
    title: str = "Save worksheet column as KPI"

    def apply(self, tx: Transaction) -> Applied[int]:
        from opsdesk.core.imports.kpi_proposals import propose

        if not self.data.values:
            raise OpsdeskError("The column holds no values to keep.")
        days = [date.fromisoformat(d[:10]) for d in self.data.days]
        proposal = propose(self.name.strip(), self.unit, self.data.values, days)
        added = AddKpi(proposal.values(), title=self.title).apply(tx)
        kpi_id = added.result
        rows = tuple({"ts": d, "value": v} for d, v in zip(self.data.days, self.data.values,
                                                           strict=True))
        applied = added.then(tx, AddObservations(kpi_id, rows, self.title))
        if self.chart_type:
            from opsdesk.core.spc.model import CHART_NAMES

            chart = NewChart(f"{proposal.name}: {CHART_NAMES[self.chart_type]}", kpi_id,
                             self.chart_type)
            applied = applied.then(tx, chart)
        return applied
