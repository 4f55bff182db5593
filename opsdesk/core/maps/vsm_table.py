"""A value stream from a spreadsheet table of steps, one row per element in flow order.

Columns (any order, case and spacing forgiven): ``kind`` (supplier, process, inventory,
supermarket, fifo, safety stock, delay, customer), ``name``, ``cycle_time``,
``changeover``, ``uptime``, ``operators``, ``batch``, ``fpy``, ``quantity``, ``days``,
and ``branch``: rows next to each other that name a branch make one parallel block, a
branch per name in the order first met (two lines of work the flow splits into and joins
after). Times carry a unit in the cell (``46 s``, ``10 min``, ``1 h``) or in the header
(``Cycle time (s)``); a bare number under a header with no unit is read as seconds, and
the warnings say so. Uptime and fpy are ``85%`` or 0.85. The file is read by the KPI
import's readers; any bad cell is one sentence naming its row, column and value, and
nothing is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import source
from opsdesk.core.imports.header import detect_header, header_names, normalize, split_unit
from opsdesk.core.imports.numbers import parse_number
from opsdesk.core.imports.problems import Problem, shown_value
from opsdesk.core.imports.table import Cell, RawTable, is_blank
from opsdesk.core.maps.units import convert, parse_unit
from opsdesk.core.maps.vsm_model import (
    Delay,
    Demand,
    Element,
    Inventory,
    Parallel,
    Process,
    ValueStream,
)

FIELDS = ("kind", "name", "cycle_time", "changeover", "uptime", "operators", "batch", "fpy",
          "quantity", "days", "branch")
KINDS = ("supplier", "process", "inventory", "supermarket", "fifo", "safety stock", "delay",
         "customer")
_STOCKS: dict[str, Literal["inventory", "supermarket", "fifo", "safety"]] = {
    "inventory": "inventory", "supermarket": "supermarket", "fifo": "fifo",
    "safety stock": "safety"}
_ALIASES = {
    "type": "kind", "step": "name", "ct": "cycle_time", "c/t": "cycle_time",
    "c/o": "changeover", "co": "changeover", "changeover_time": "changeover",
    "first_pass_yield": "fpy", "%c&a": "fpy", "batch_size": "batch", "qty": "quantity",
    "inventory": "quantity", "inventory_days": "days", "wait": "days",
    "parallel": "branch", "line": "branch",
}
_KIND_ALIASES = {"fifo lane": "fifo", "safety": "safety stock", "buffer": "safety stock",
                 "safety buffer": "safety stock"}
_TIMES = ("cycle_time", "changeover")
_SHARES = ("uptime", "fpy")
_COUNTS = ("operators", "batch", "quantity")


class TableProblem(OpsdeskError):
    """A cell or column of the table is wrong (the file itself was read)."""


def duration_s(text: str) -> float:
    """Seconds in a duration written like ``8 h`` or ``20 min`` (a bare number: seconds)."""
    try:
        return _time_s(text, "", "s")[0]
    except _Bad as bad:
        said = f"{text!r} is not a duration like '8 h' or '20 min' ({bad.reason})."
        raise OpsdeskError(said) from None


@dataclass(frozen=True)
class StepTable:
    """What a table of steps builds: the stream, its counts and what to tell the user."""

    stream: ValueStream
    steps: int
    inventories: int
    warnings: list[str]


class _Bad(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _field(header: str) -> tuple[str | None, str]:
    name, unit = split_unit(header)
    key = re.sub(r"[\s\-]+", "_", normalize(name))
    key = _ALIASES.get(key, key)
    return (key if key in FIELDS else None), unit


def _number(cell: Cell) -> tuple[float, str]:
    if isinstance(cell, bool):
        raise _Bad("is not a number")
    if isinstance(cell, (int, float)):
        return float(cell), ""
    if isinstance(cell, timedelta):
        return cell.total_seconds(), "s"
    parsed = parse_number(str(cell))
    if parsed is None:
        raise _Bad("is not a number")
    return parsed


def _time_s(cell: Cell, header_unit: str, default: str) -> tuple[float, bool]:
    """Seconds, and whether the default unit was taken (no unit in cell or header)."""
    value, unit = _number(cell)
    try:
        seconds = convert(value, parse_unit(unit or header_unit or default), "s")
    except ValueError:
        raise _Bad(f"'{unit or header_unit}' is not a unit of time (use s, min, h, d)") from None
    if seconds < 0:
        raise _Bad("is negative")
    return seconds, not (unit or header_unit)


def _share(cell: Cell, header_unit: str, percent: bool) -> float:
    value, unit = _number(cell)
    if unit == "%" or header_unit == "%":
        value /= 100.0
    elif unit or (value > 1 and not percent):
        raise _Bad("must be a share: 85% or 0.85")
    if not 0 < value <= 1:
        raise _Bad("must be more than 0 % and at most 100 %")
    return value


def _count(cell: Cell) -> float:
    value, unit = _number(cell)
    if unit or value < 0:
        raise _Bad("must be a number of zero or more")
    return value


class _Reader:
    def __init__(self, table: RawTable) -> None:
        self.table = table
        header = detect_header(table)
        if header is None:
            raise TableProblem(f"{table.file_name} has no header row; name the columns "
                               f"{', '.join(FIELDS)}.")
        self.first = header + 1
        self.columns: dict[str, tuple[int, str, str]] = {}  # field -> (index, header, unit)
        self.ignored: list[str] = []
        self.defaulted: set[str] = set()  # headers of time columns read in seconds
        for c, text in enumerate(header_names(table, header)):
            key, unit = _field(text)
            if key is None or key in self.columns:
                self.ignored.append(text)
            else:
                self.columns[key] = (c, text, unit)
        for needed in ("kind", "name"):
            if needed not in self.columns:
                raise TableProblem(f"{table.file_name} has no '{needed}' column; nothing "
                                   "was imported.")

    def cell(self, key: str, r: int) -> Cell:
        where = self.columns.get(key)
        return "" if where is None else self.table.columns[where[0]][r]

    def value(self, key: str, r: int) -> float | None:
        cell = self.cell(key, r)
        if is_blank(cell):
            return None
        c, header, unit = self.columns[key]
        try:
            if key in _TIMES:
                seconds, defaulted = _time_s(cell, unit, "s")
                if defaulted:
                    self.defaulted.add(header)
                return seconds
            if key == "days":
                return _time_s(cell, unit, "d")[0] / 86400.0
            if key in _SHARES:
                letter = self.table.letters[c]
                percent = (self.table.row_numbers[r], letter) in self.table.percent_cells
                return _share(cell, unit, percent)
            return _count(cell)
        except _Bad as bad:
            raise self.problem(r, header, cell, bad.reason) from None

    def where(self, r: int, column: str, cell: Cell, reason: str) -> str:
        problem = Problem(self.table.row_numbers[r], column, shown_value(cell), reason)
        return f"{self.table.file_name}, {problem.sentence()}; nothing was imported."

    def problem(self, r: int, column: str, cell: Cell, reason: str) -> TableProblem:
        return TableProblem(self.where(r, column, cell, reason))


def _element(rd: _Reader, r: int, kind: str, name: str) -> Element:
    if kind == "process":
        ct = rd.value("cycle_time", r)
        if ct is not None and ct <= 0:
            raise rd.problem(r, rd.columns["cycle_time"][1],
                                        rd.cell("cycle_time", r), "must be more than zero")
        uptime = rd.value("uptime", r)
        return Process(name, ct, rd.value("changeover", r) or 0.0,
                       1.0 if uptime is None else uptime, rd.value("operators", r),
                       batch=rd.value("batch", r), fpy=rd.value("fpy", r))
    if kind in _STOCKS:
        return Inventory(name, rd.value("quantity", r), days=rd.value("days", r),
                         kind=_STOCKS[kind])
    days = rd.value("days", r)
    if days is None:
        raise rd.problem(r, "days", "", "a delay needs its wait in days")
    return Delay(name, days)


class _Block:
    """The rows of one parallel block as read so far: each branch's elements by its name."""

    def __init__(self, first_row: int) -> None:
        self.first_row = first_row
        self.branches: dict[str, list[Element]] = {}

    def element(self, rd: _Reader) -> Parallel:
        if len(self.branches) < 2:
            name = next(iter(self.branches))
            raise rd.problem(self.first_row, rd.columns["branch"][1], name,
                             "a parallel block needs two branches or more (rows next to "
                             "each other naming each branch)")
        return Parallel(" / ".join(self.branches),
                        tuple(tuple(b) for b in self.branches.values()))


def _tally(flow: tuple[Element, ...] | list[Element]) -> tuple[int, int]:
    """Processes and other elements in ``flow``, inside parallel blocks too."""
    steps = others = 0
    for e in flow:
        if isinstance(e, Parallel):
            for branch in e.branches:
                a, b = _tally(branch)
                steps, others = steps + a, others + b
        elif isinstance(e, Process):
            steps += 1
        else:
            others += 1
    return steps, others


def build(table: RawTable, name: str | None = None,
          demand: Demand | None = None) -> StepTable:
    """The value stream the table describes; OpsdeskError (one sentence) if any cell is bad."""
    rd = _Reader(table)
    supplier, customer = "Supplier", "Customer"
    flow: list[Element] = []
    block: _Block | None = None
    for r in range(rd.first, table.height):
        kind_cell, name_cell = rd.cell("kind", r), rd.cell("name", r)
        if is_blank(kind_cell) and is_blank(name_cell):
            continue
        kind = normalize(str(kind_cell))
        kind = _KIND_ALIASES.get(kind, kind)
        if kind not in KINDS:
            raise rd.problem(r, rd.columns["kind"][1], kind_cell,
                                        f"the kind must be one of {', '.join(KINDS)}")
        label = "" if is_blank(name_cell) else " ".join(str(name_cell).split())
        if not label and kind in ("process", "delay"):
            raise rd.problem(r, rd.columns["name"][1], "", f"a {kind} needs a name")
        branch_cell = rd.cell("branch", r)
        branch = "" if is_blank(branch_cell) else " ".join(str(branch_cell).split())
        if block is not None and not branch:
            flow.append(block.element(rd))
            block = None
        if kind == "supplier":
            supplier = label or supplier
        elif kind == "customer":
            customer = label or customer
        elif branch:
            block = block or _Block(r)
            block.branches.setdefault(branch, []).append(_element(rd, r, kind, label))
        else:
            flow.append(_element(rd, r, kind, label))
    if block is not None:
        flow.append(block.element(rd))
    steps, others = _tally(flow)
    if steps == 0:
        raise TableProblem(f"{table.file_name} has no process row; nothing was imported.")
    warnings = [f"Column '{h}' is not a value-stream field and was left out." for h in rd.ignored]
    for header in sorted(rd.defaulted):
        warnings.append(f"Column '{header}' names no unit: numbers without one were read "
                        "as seconds.")
    stem = name or Path(table.file_name).stem
    stream = ValueStream(stem, customer, supplier, demand, tuple(flow))
    return StepTable(stream, steps, others, warnings)


def read_steps(path: Path, name: str | None = None, demand: Demand | None = None,
               sheet: str | None = None) -> StepTable:
    """Read ``path`` (xlsx, xls, ods, csv ...) through the import readers and build it."""
    return build(source.read(path, sheet), name, demand)
