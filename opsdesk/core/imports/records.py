"""From a table and its mapping to observations, with every problem found on the way.

Nothing here knows the workspace: KPIs are still names. ``resolve.py`` matches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import columns as conv
from opsdesk.core.imports import dates
from opsdesk.core.imports.mapping import Mapping
from opsdesk.core.imports.numbers import percent_points
from opsdesk.core.imports.problems import Problem, shown_value
from opsdesk.core.imports.table import RawTable
from opsdesk.core.task_state import TaskState

OPTIONAL_TEXT = ("subgroup", "segment", "note", "key")


@dataclass
class Parsed:
    """Observations read from a file, column by column, plus what could not be read."""

    kpi: list[str] = field(default_factory=list)
    ts: list[str] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    unit: list[str] = field(default_factory=list)  # unit written with the value: "%", "€" ...
    subgroup: list[str | None] = field(default_factory=list)
    size: list[float | None] = field(default_factory=list)
    segment: list[str | None] = field(default_factory=list)
    note: list[str | None] = field(default_factory=list)
    key: list[str | None] = field(default_factory=list)
    row: list[int] = field(default_factory=list)  # file row number of each observation
    column: list[str] = field(default_factory=list)  # column of the value
    problems: list[Problem] = field(default_factory=list)
    rows_read: int = 0
    skipped: int = 0  # observations left out because of problems
    date_order: str | None = None

    def __len__(self) -> int:
        return len(self.ts)


def _index(names: list[str], column: str) -> int:
    try:
        return names.index(column)
    except ValueError:
        raise OpsdeskError(
            f"The mapping names a column {column!r} that the file does not have."
        ) from None


class _Builder:
    def __init__(self, table: RawTable, names: list[str], mapping: Mapping) -> None:
        self.table, self.names, self.mapping = table, names, mapping
        header = None
        if mapping.header_row is not None:
            if mapping.header_row not in table.row_numbers:
                raise OpsdeskError(
                    f"Row {mapping.header_row} of {table.file_name} is empty or beyond its end."
                )
            header = table.row_numbers.index(mapping.header_row)
        self.start = 0 if header is None else header + 1
        self.rows = table.row_numbers[self.start :]
        self.parsed = Parsed(rows_read=len(self.rows))
        self.bad: dict[int, list[Problem]] = {}  # data-row index -> problems
        # Wide layouts: a bad value cell leaves out that cell's observation only.
        self.bad_cells: dict[tuple[int, str], Problem] = {}

    def cells(self, column: str) -> list[object]:
        part = self.table.columns[_index(self.names, column)][self.start :]
        return part if isinstance(part, list) else list(part)  # a list's slice is a copy

    def fail(self, index: int, column: str, cell: object, reason: str) -> None:
        if any(p.column in (column, "") for p in self.bad.get(index, ())):
            return  # one problem per cell is enough, and a ragged row says it all
        self.bad.setdefault(index, []).append(
            Problem(self.rows[index], column, shown_value(cell), reason)
        )

    def fail_cell(self, index: int, column: str, cell: object, reason: str) -> None:
        if any(p.column == "" for p in self.bad.get(index, ())):
            return  # a ragged row is left out whole and said so once
        self.bad_cells.setdefault(
            (index, column), Problem(self.rows[index], column, shown_value(cell), reason)
        )

    def missing_formulas(self, column: str, values: list[object], cell_only: bool = False) -> None:
        table = self.table
        if table.find_no_cached_value is None or "" not in values:
            return
        if not table.no_cached_value:  # looked for once, and only when blanks exist
            table.no_cached_value = table.find_no_cached_value() or {(0, "")}
        letter = table.letters[_index(self.names, column)]
        where = {number for number, col in table.no_cached_value if col == letter}
        for index, number in enumerate(self.rows):
            if number in where and values[index] in ("", None):
                (self.fail_cell if cell_only else self.fail)(
                    index,
                    column,
                    "",
                    "a formula with no saved result; open the file in "
                    "its program, let it calculate, save it and import again",
                )

    def ragged(self) -> None:
        counts = self.table.field_counts
        if not counts:
            return
        header_row = self.mapping.header_row
        expected = (
            counts[header_row][1] if header_row in counts else max(c[1] for c in counts.values())
        )
        for index, number in enumerate(self.rows):
            fields, trimmed = counts.get(number, (expected, expected))
            if trimmed > expected or fields < expected:
                self.fail(
                    index,
                    "",
                    "",
                    f"the row has {fields if fields < expected else trimmed} "
                    f"fields where the header has {expected}",
                )

    def dates(self, column: str) -> list[str | None]:
        cells = self.cells(column)
        self.missing_formulas(column, cells)
        out, failures, order = conv.to_dates(cells, self.table.date1904, self.mapping.date_order)
        self.parsed.date_order = order
        for index, reason in failures:
            self.fail(
                index, column, cells[index], "missing date" if reason == conv.MISSING else reason
            )
        return out

    def texts(self, column: str, required: str | None = None) -> list[str | None]:
        cells = self.cells(column)
        self.missing_formulas(column, cells)
        out, failures = conv.to_texts(cells)
        for index, reason in failures:
            self.fail(index, column, cells[index], reason)
        if required:
            for index, text in enumerate(out):
                if text is None and index not in self.bad:
                    self.fail(index, column, "", required)
        return out


def build(
    table: RawTable,
    names: list[str],
    mapping: Mapping,
    task: TaskState | None = None,
) -> Parsed:
    """Every observation the file holds under ``mapping``; rows with problems left out."""
    task = task or TaskState()
    b = _Builder(table, names, mapping)
    task.check()
    task.progress(0.5, "Checking values")
    b.ragged()
    if mapping.layout == "long":
        _long(b)
    elif mapping.kpi_columns:
        _wide_by_kpi(b)
    elif mapping.period_columns:
        _wide_by_period(b)
    else:
        raise OpsdeskError("The wide layout needs KPI columns or period columns.")
    task.check()
    problems = b.parsed.problems
    for index in sorted(b.bad):
        problems.extend(b.bad[index])
    problems.extend(b.bad_cells[k] for k in sorted(b.bad_cells))
    return b.parsed


def _optional(b: _Builder) -> dict[str, list[object]]:
    n = len(b.rows)
    out: dict[str, list[object]] = {}
    for name in OPTIONAL_TEXT:
        column = b.mapping.fields.get(name)
        out[name] = list(b.texts(column)) if column else [None] * n
    column = b.mapping.fields.get("size")
    if column:
        cells = b.cells(column)
        values, failures = conv.to_optional_numbers(cells, b.table.decimal_comma)
        for index, reason in failures:
            b.fail(index, column, cells[index], f"sample size is {reason}")
        out["size"] = list(values)
    else:
        out["size"] = [None] * n
    return out


def _keep(
    b: _Builder,
    kpis: list[str | None],
    ts: list[str | None],
    values: list[float | None],
    units: list[str],
    columns: list[str],
    extra: dict[str, list[object]],
    picked: list[int] | None,
) -> None:
    """Append the observations at ``picked`` (all when None); columns stay lists."""
    p = b.parsed
    rows = [b.rows[i] for i in picked] if picked is not None else list(b.rows)

    def take(values_: list[object]) -> list[object]:
        return [values_[i] for i in picked] if picked is not None else list(values_)

    p.kpi.extend(take(kpis))  # type: ignore[arg-type]
    p.ts.extend(take(ts))  # type: ignore[arg-type]
    p.value.extend(take(values))  # type: ignore[arg-type]
    p.unit.extend(take(units))  # type: ignore[arg-type]
    p.column.extend(take(columns))  # type: ignore[arg-type]
    p.row.extend(rows)
    for name in ("subgroup", "size", "segment", "note", "key"):
        getattr(p, name).extend(take(extra[name]))


def _percent_formatted(
    b: _Builder, column: str, cells: list[object], values: list[float | None], units: list[str]
) -> None:
    """Numbers in cells formatted as percent are fractions (0.892 shows as 89.2 %): they
    become 89.2 written with "%", exactly as the text "89.2%" would."""
    marked = b.table.percent_cells
    if not marked:
        return
    letter = b.table.letters[_index(b.names, column)]
    rows = {number for number, col in marked if col == letter}
    for index, number in enumerate(b.rows) if rows else ():
        value = values[index]
        if number in rows and value is not None and type(cells[index]) in (float, int):
            values[index] = percent_points(value)
            units[index] = "%"


def _long(b: _Builder) -> None:
    f = b.mapping.fields
    ts = b.dates(f["date"])
    kpis = b.texts(f["kpi"], required="missing KPI name")
    cells = b.cells(f["value"])
    b.missing_formulas(f["value"], cells)
    values, units, failures = conv.to_numbers(cells, b.table.decimal_comma)
    _percent_formatted(b, f["value"], cells, values, units)
    for index, reason in failures:
        b.fail(
            index, f["value"], cells[index], "missing value" if reason == conv.MISSING else reason
        )
    del cells
    extra = _optional(b)
    picked = [i for i in range(len(b.rows)) if i not in b.bad] if b.bad else None
    _keep(b, kpis, ts, values, units, [f["value"]] * len(b.rows), extra, picked)
    b.parsed.skipped = len(b.bad)


def _wide(
    b: _Builder,
    series: list[tuple[str, str, list[str | None], list[float | None], list[str]]],
    extra: dict[str, list[object]],
) -> None:
    """Unpivot: (column, KPI, ts per row, values, units) for each value column."""
    n = len(b.rows)
    for column, kpi, ts, values, units in series:
        picked = [i for i in range(n) if values[i] is not None and i not in b.bad]
        _keep(b, [kpi] * n, ts, values, units, [column] * n, extra, picked)
        b.parsed.skipped += sum(values[i] is not None for i in b.bad)
    b.parsed.skipped += len(b.bad_cells)


def _number_column(b: _Builder, column: str) -> tuple[list[float | None], list[str]]:
    """A wide layout's value column; a cell that cannot be read is left out alone."""
    cells = b.cells(column)
    b.missing_formulas(column, cells, cell_only=True)
    values, units, failures = conv.to_numbers(cells, b.table.decimal_comma)
    _percent_formatted(b, column, cells, values, units)
    for index, reason in failures:
        if reason != conv.MISSING:  # gaps are normal in a wide sheet
            b.fail_cell(index, column, cells[index], reason)
    return values, units


def _wide_by_kpi(b: _Builder) -> None:
    ts = b.dates(b.mapping.fields["date"])
    extra = _optional(b)
    series = []
    for column in b.mapping.kpi_columns:
        values, units = _number_column(b, column)
        series.append((column, column, ts, values, units))
    _wide(b, series, extra)


def _wide_by_period(b: _Builder) -> None:
    kpi_column = b.mapping.fields["kpi"]
    kpis = b.texts(kpi_column, required="missing KPI name")
    extra = _optional(b)
    n = len(b.rows)
    for column in b.mapping.period_columns:
        iso, reason = dates.parse_text(column, b.mapping.date_order)
        if iso is None:
            b.parsed.problems.append(
                Problem(b.mapping.header_row, column, column, reason or dates.NOT_A_DATE)
            )
            continue
        values, units = _number_column(b, column)
        picked = [i for i in range(n) if values[i] is not None and i not in b.bad]
        _keep(b, kpis, [iso] * n, values, units, [column] * n, extra, picked)
        b.parsed.skipped += sum(values[i] is not None for i in b.bad)
    b.parsed.skipped += len(b.bad_cells)
