"""Read a file, map it, validate all of it against the workspace: everything but writing.

``prepare`` is the long function the wizard and ``opsdesk import`` both run (with a
``TaskState``); ``ImportObservations`` in ``commit.py`` then writes it.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import header as headers
from opsdesk.core.imports import mapping as maps
from opsdesk.core.imports import records, resolve, source
from opsdesk.core.imports.problems import Problem
from opsdesk.core.imports.table import RawTable
from opsdesk.core.task_state import TaskState


@dataclass
class Options:
    sheet: str | None = None
    header_row: int | None = None  # file row number; None: detect
    layout: str = "auto"
    given: dict[str, str] = field(default_factory=dict)  # field -> column, from the user
    date_order: str | None = None
    create_kpis: bool = True
    mapping: maps.Mapping | None = None  # a whole mapping (a profile, or the wizard's)


@dataclass
class Prepared:
    path: Path
    content_hash: str
    table: RawTable
    names: list[str]
    header: int | None  # index into table rows
    mapping: maps.Mapping
    parsed: records.Parsed
    kpis: resolve.KpiMatch
    problems: list[Problem]
    excluded: set[int]  # observation indexes left out (duplicate in file, unknown KPI)

    @property
    def rows_skipped(self) -> int:
        return self.parsed.skipped + len(self.excluded)

    @property
    def importable(self) -> int:
        return len(self.parsed) - len(self.excluded)


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_table(path: Path, sheet: str | None) -> RawTable:
    return source.read(path, sheet)


def map_table(table: RawTable, options: Options) -> tuple[list[str], int | None, maps.Mapping]:
    """Column names, header index and mapping for ``table`` under ``options``."""
    if table.height == 0:
        raise OpsdeskError(f"{table.file_name}{_sheet(table)} holds no data.")
    base = options.mapping
    header_row = (
        options.header_row
        if options.header_row is not None
        else (base.header_row if base else None)
    )
    if header_row is not None:
        if header_row not in table.row_numbers:
            raise OpsdeskError(
                f"Row {header_row} of {table.file_name}{_sheet(table)} is empty or beyond its end."
            )
        header: int | None = table.row_numbers.index(header_row)
    elif base is not None and options.header_row is None and base.header_row is None:
        header = None
    else:
        header = headers.detect_header(table)
    names = headers.header_names(table, header)
    if header is not None and table.height == header + 1:
        raise OpsdeskError(
            f"{table.file_name}{_sheet(table)} has a header row but no data below it."
        )
    if base is not None and not options.given:
        mapping = maps.Mapping(**{**base.__dict__})
        mapping.header_row = table.row_numbers[header] if header is not None else None
        missing = [c for c in [*mapping.fields.values(), *mapping.kpi_columns] if c not in names]
        if missing:
            raise OpsdeskError(
                f"{table.file_name} has no column {missing[0]!r}, which the mapping expects; "
                "is it a file of another shape?"
            )
        if mapping.period_columns:
            taken = set(mapping.fields.values())
            mapping.period_columns = [n for n in names if n not in taken and headers_parse(n)]
    else:
        mapping = maps.suggest(table, names, header, options.layout, options.given)
    if options.date_order:
        mapping.date_order = options.date_order
    mapping.create_kpis = (
        options.create_kpis if base is None else base.create_kpis and options.create_kpis
    )
    if header is not None and table.height == header + 1:
        raise OpsdeskError(
            f"{table.file_name}{_sheet(table)} has a header row but no data below it."
        )
    return names, header, mapping


def headers_parse(name: str) -> bool:
    from opsdesk.core.imports import dates

    return dates.parse_text(name, "dmy")[0] is not None


def _sheet(table: RawTable) -> str:
    return f" (sheet {table.sheet!r})" if table.sheet else ""


def check(
    conn: sqlite3.Connection, parsed: records.Parsed, mapping: maps.Mapping
) -> tuple[resolve.KpiMatch, list[Problem], set[int]]:
    """Problems only the workspace can tell (unknown KPIs) and repeats within the file."""
    units: dict[str, Counter[str]] = {}
    for name, unit in zip(parsed.kpi, parsed.unit, strict=True) if any(parsed.unit) else ():
        if unit:
            units.setdefault(name, Counter())[unit] += 1
    kpis = resolve.match(
        conn, dict.fromkeys(parsed.kpi), units, lambda name: _sample(parsed, name)
    )
    problems: list[Problem] = []
    excluded: set[int] = set()
    # Identity: KPI, time, segment, and the source key when given. Subgroup members
    # legitimately repeat, so rows with a subgroup are told apart by their order instead.
    targets = {name: kpis.target(name) for name in kpis.ids.keys() | kpis.new.keys()}
    refused = _refused(kpis, mapping)
    if refused:
        for index, name in enumerate(parsed.kpi):
            if name in refused:
                excluded.add(index)
                problems.append(
                    Problem(
                        parsed.row[index],
                        parsed.column[index]
                        if mapping.layout == "wide" and mapping.kpi_columns
                        else mapping.fields.get("kpi", ""),
                        name,
                        refused[name],
                    )
                )
        for name in refused:  # never created, even when the valid rows are imported
            del kpis.new[name]
    # Names stand for their KPI unless two spellings meet ("OEE" and "oee"); empty
    # columns stay out of the key. Both keep this check cheap on 200,000 rows.
    parts: list[list[Any]] = [
        parsed.kpi
        if len(set(targets.values())) == len(targets)
        else list(map(targets.__getitem__, parsed.kpi)),
        parsed.ts,
    ]
    parts += [c for c in (parsed.segment, parsed.key) if c.count(None) < len(c)]
    grouped = parsed.subgroup.count(None) < len(parsed.subgroup)
    if not grouped and not excluded and _all_distinct(parts):
        return kpis, problems, excluded  # the usual case: every row is its own
    identities = list(zip(*parts, strict=True))
    seen: dict[tuple[object, ...], int] = {}
    for index, identity in enumerate(identities):
        if index in excluded or (parsed.subgroup[index] is not None and parsed.key[index] is None):
            continue
        first = seen.setdefault(identity, index)
        if first != index:
            excluded.add(index)
            problems.append(
                Problem(
                    parsed.row[index],
                    parsed.column[index],
                    parsed.kpi[index],
                    f"duplicate in the file: the same KPI and date as row {parsed.row[first]}",
                )
            )
    return kpis, problems, excluded


def _sample(parsed: records.Parsed, name: str) -> tuple[list[float], list[date]]:
    """Up to ``SAMPLE`` values and dates of a KPI name, from its first observation on (a
    wide layout keeps each KPI's rows together; a long one interleaves them)."""
    from opsdesk.core.imports.kpi_proposals import SAMPLE

    names = parsed.kpi
    first = names.index(name)
    width = SAMPLE * 4
    while True:
        window = names[first : first + width]
        found = [first + i for i, n in enumerate(window) if n == name][:SAMPLE]
        if len(found) == SAMPLE or first + width >= len(names) or width >= SAMPLE * 512:
            break
        width *= 8
    days = []
    for index in found:
        try:
            days.append(date.fromisoformat(parsed.ts[index][:10]))
        except ValueError:
            continue  # not a plain date: the frequency is told from the others
    return [parsed.value[i] for i in found], days


def _refused(kpis: resolve.KpiMatch, mapping: maps.Mapping) -> dict[str, str]:
    """The new KPIs (name in the file) this import may not create, with the reason."""
    if not mapping.create_kpis:
        return dict.fromkeys(kpis.new, "unknown KPI (creating KPIs is off)")
    from opsdesk.core.kpi.definitions import validate_kpi

    refused: dict[str, str] = {}
    for name_in_file, proposal in kpis.new.items():
        try:
            validate_kpi({"name": proposal.name})
        except OpsdeskError as error:
            refused[name_in_file] = str(error)
    return refused


def _all_distinct(parts: list[list[Any]]) -> bool:
    """Whether no two rows share an identity (the parts, column by column).

    Each identity is joined into one text: cheaper to hash and to hold than a tuple, and
    untracked by the garbage collector. Equal identities give equal texts, so distinct
    texts prove distinct identities; a clash of texts (or a part that is not text) only
    sends the caller to the exact check.
    """
    if not parts[0]:
        return True
    texts = [c if type(c[0]) is str and c.count(None) == 0 else list(map(str, c)) for c in parts]
    try:
        return len(set(map("\x1f".join, zip(*texts, strict=True)))) == len(parts[0])
    except TypeError:
        return False


def prepare(
    conn: sqlite3.Connection,
    path: Path,
    options: Options,
    task: TaskState | None = None,
) -> Prepared:
    """Read, map and validate ``path``; raise OpsdeskError when it cannot be read at all."""
    task = task or TaskState()
    path = Path(path)
    task.progress(0.02, f"Reading {path.name}")
    table = read_table(path, options.sheet)
    task.check()
    task.progress(0.4, "Finding the header and columns")
    names, header, mapping = map_table(table, options)
    return validate(conn, path, table, names, header, mapping, task)


def validate(
    conn: sqlite3.Connection,
    path: Path,
    table: RawTable,
    names: list[str],
    header: int | None,
    mapping: maps.Mapping,
    task: TaskState | None = None,
) -> Prepared:
    """Convert every cell under ``mapping`` and list every problem (the wizard's last step)."""
    task = task or TaskState()
    parsed = records.build(table, names, mapping, task)
    task.progress(0.85, "Matching KPIs")
    kpis, more, excluded = check(conn, parsed, mapping)
    problems = [*parsed.problems, *more]
    problems.sort(key=lambda p: p.row if p.row is not None else 0)
    task.progress(0.95, "Hashing the file")
    digest = file_hash(path)
    task.progress(1.0, "Ready")
    return Prepared(path, digest, table, names, header, mapping, parsed, kpis, problems, excluded)
