"""Read incidents or deployments from an export, all or nothing.

The file goes through the import readers (``imports.source``: csv, tsv, txt, xlsx, xlsm,
xls, ods) and their header detection. Its columns are matched to fields by the first
source of ``incident_columns`` whose required columns it has (or the source named), then
``--map FIELD=COLUMN`` overrides. Every row is converted and checked; any problem (row,
column, value, reason) refuses the whole file, so a workspace never holds half an export.
The ids are the identity: the commit that stores the result updates an incident or a
deployment with the same id instead of adding a second one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import dates
from opsdesk.core.imports.header import detect_header, header_names, normalize
from opsdesk.core.imports.numbers import parse_number
from opsdesk.core.imports.problems import Problem, shown_value
from opsdesk.core.imports.table import RawTable, is_blank
from opsdesk.core.improve import incident_columns as cols
from opsdesk.core.improve.incidents import (
    CATEGORIES,
    DETECTION_SOURCES,
    TIMESTAMPS,
    Deployment,
    Incident,
    order_problem,
)
from opsdesk.core.improve.timestamps import parse_utc

TIME_FIELDS = frozenset({*TIMESTAMPS, "deployed_at", "service_restored"})


class ImportRefused(OpsdeskError):
    """The file has problems; nothing was imported. ``problems`` lists them all."""

    def __init__(self, file_name: str, problems: list[Problem]) -> None:
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(f"{file_name} was not imported: {problems[0].sentence()}{more}.")
        self.problems = problems


@dataclass(frozen=True)
class IncidentFile:
    kind: str                       # incidents or deployments
    source: str                     # the source whose columns it has ("ServiceNow")
    columns: Mapping[str, str]      # field -> the column it came from
    incidents: tuple[Incident, ...] = ()
    deployments: tuple[Deployment, ...] = ()
    rows: tuple[int, ...] = ()      # the file's row number of each record
    notes: tuple[str, ...] = ()     # fields no column gave, and what they default to


def parse_map(pairs: Sequence[str], kind: str = "incidents") -> dict[str, str]:
    """``["severity=Prio", ...]`` as field -> column, or one sentence for a bad pair."""
    known = cols.INCIDENT_FIELDS if kind == "incidents" else cols.DEPLOYMENT_FIELDS
    out = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or not column.strip() or name.strip() not in known:
            raise OpsdeskError(f"--map {pair!r} is not FIELD=COLUMN with FIELD one of "
                               f"{', '.join(known)}.")
        out[name.strip()] = column.strip()
    return out


def _find(names: list[str], wanted: Sequence[str]) -> str | None:
    keys = {normalize(n): n for n in names}
    return next((keys[normalize(w)] for w in wanted if normalize(w) in keys), None)


def _columns(table: RawTable, names: list[str], kind: str, source: str,
             overrides: Mapping[str, str]) -> tuple[cols.SourceColumns, dict[str, str],
                                                    dict[str, tuple[str, str]]]:
    """The source chosen, field -> column, and offset field -> (base field, column)."""
    candidates = cols.sources(kind)
    if source != "auto":
        candidates = [s for s in candidates if s.name == source]
        if not candidates:
            raise OpsdeskError(f"Unknown source {source!r} for {kind}; use auto or one of "
                               f"{', '.join(cols.source_names(kind))}.")
    for field_name, column in overrides.items():
        if _find(names, [column]) is None:
            raise OpsdeskError(f"{table.file_name} has no column {column!r} (for "
                               f"{field_name}); its columns are "
                               f"{', '.join(repr(n) for n in names[:30])}.")
    required = cols.REQUIRED[kind]
    for candidate in candidates:
        found = {f: c for f, wanted in candidate.fields.items()
                 if (c := _find(names, wanted)) is not None}
        found.update({f: c for f, col in overrides.items() if (c := _find(names, [col]))})
        if all(f in found for f in required):
            offsets = {f: (o.base, c) for f, o in candidate.offsets.items()
                       if f not in found and (c := _find(names, o.columns)) is not None}
            return candidate, found, offsets
    wanted = " ".join(f"--map {f}=COLUMN" for f in required)
    looked = ", ".join(dict.fromkeys(s.label for s in candidates))
    raise OpsdeskError(f"{table.file_name} does not have the {kind} columns of {looked}: "
                       f"say which columns hold {' and '.join(required)} ({wanted}).")


def _text(cell: Any) -> str:
    return "" if is_blank(cell) else " ".join(shown_value(cell).split())


def _word(cell: Any, field_name: str) -> tuple[Any, str | None]:
    """A coded field's value from the words exports use, or (None, reason)."""
    text = _text(cell).casefold().replace("_", " ")
    table: Mapping[str, object]
    if field_name == "severity":
        table, allowed = cols.SEVERITY_WORDS, "SEV1 to SEV4 (or P1-P5, Critical/High/...)"
    elif field_name == "availability_impact":
        table, allowed = cols.IMPACT_WORDS, "none, degraded or outage"
    elif field_name == "category":
        table = {**{c: c for c in CATEGORIES}, **cols.CATEGORY_WORDS}
        allowed = ", ".join(CATEGORIES)
    elif field_name == "detection_source":
        table = {**{d: d for d in DETECTION_SOURCES}, **cols.DETECTION_WORDS}
        allowed = ", ".join(DETECTION_SOURCES)
    else:
        table, allowed = cols.BOOLEAN_WORDS, "yes or no"
    value = table.get(" ".join(text.split()))
    name = field_name.replace("_", " ")
    what = "yes or no" if field_name.startswith("failed") else (
        f"{'an' if name[0] in 'aeiou' else 'a'} {name}")
    return (value, None) if value is not None else (None, f"not {what}: use {allowed}")


def _orders(table: RawTable, start: int, picks: Mapping[str, int], order: str | None
            ) -> dict[str, str | None]:
    """The day/month order of each time column: given, or settled by its own values."""
    out: dict[str, str | None] = {}
    for name, c in picks.items():
        if name in TIME_FIELDS:
            texts = [str(v) for v in table.columns[c][start:] if isinstance(v, str)]
            out[name] = order or dates.infer_order(texts)
    return out


def read_incident_file(path: Path, kind: str = "incidents", source: str = "auto",
                       overrides: Mapping[str, str] | None = None, sheet: str | None = None,
                       date_order: str | None = None) -> IncidentFile:
    """Read ``path`` (see the module's docstring); raises ``ImportRefused`` listing every
    problem, or ``OpsdeskError`` for a file that cannot be read at all."""
    from opsdesk.core.imports.source import read

    return parse_incident_table(read(path, sheet), kind, source, overrides or {}, date_order)


def parse_incident_table(table: RawTable, kind: str = "incidents", source: str = "auto",
                         overrides: Mapping[str, str] | None = None,
                         date_order: str | None = None) -> IncidentFile:
    if kind not in cols.KINDS:
        raise OpsdeskError(f"Import incidents or deployments, not {kind!r}.")
    header = detect_header(table)
    if header is None:
        raise OpsdeskError(f"{table.file_name} has no header row naming its columns.")
    names = header_names(table, header)
    chosen, found, offsets = _columns(table, names, kind, source, overrides or {})
    index = {n: i for i, n in enumerate(names)}
    # in the file's column order, so each row's problems read left to right
    picks = dict(sorted(((f, index[c]) for f, c in found.items()), key=lambda p: p[1]))
    orders = _orders(table, header + 1, {**picks, **{f: index[c] for f, (_, c) in
                                                     offsets.items()}}, date_order)
    problems: list[Problem] = []
    records: list[Incident | Deployment] = []
    rows: list[int] = []
    first_row: dict[str, int] = {}
    key_field = cols.REQUIRED[kind][0]
    for r in range(header + 1, table.height):
        number = table.row_numbers[r]
        values: dict[str, Any] = {}
        raw: dict[str, Any] = {}
        bad = False
        for f, c in picks.items():
            cell = raw[f] = table.columns[c][r]
            value, reason = _convert(f, cell, orders.get(f), table.date1904)
            if reason:
                problems.append(Problem(number, names[c], shown_value(cell), reason))
                bad = True
            values[f] = value
        for f, (base, column) in offsets.items():
            cell = table.columns[index[column]][r]
            seconds = parse_number(_text(cell)) if not is_blank(cell) else None
            if not is_blank(cell) and seconds is None:
                problems.append(Problem(number, column, shown_value(cell), "not a number of "
                                        "seconds"))
                bad = True
            elif seconds is not None and values.get(base) is not None:
                values[f] = values[base] + timedelta(seconds=seconds[0])
        key = values.get(key_field) or ""
        if key and key in first_row:
            problems.append(Problem(number, found[key_field], key,
                                    f"the same id as row {first_row[key]}"))
            bad = True
        first_row.setdefault(key, number)
        if bad:
            continue
        wrong = order_problem(values)
        if wrong:
            early, late = wrong
            shown = shown_value(raw[late]) if late in raw else str(values[late])
            problems.append(Problem(number, found.get(late, late), shown,
                                    f"earlier than {early} ({values[early]:%Y-%m-%d %H:%M} "
                                    "UTC)"))
            continue
        records.append(_record(kind, values))
        rows.append(number)
    if problems:
        raise ImportRefused(table.file_name, problems)
    if not records:
        raise OpsdeskError(f"{table.file_name} has no {kind} under its header.")
    defaults = {"category": "other", "availability_impact": "none (no downtime)",
                "severity": "SEV3"}
    notes = tuple(f"No column gives {f.replace('_', ' ')}: every row is {d}."
                  for f, d in defaults.items() if kind == "incidents" and f not in found)
    incidents = tuple(r for r in records if isinstance(r, Incident))
    deployments = tuple(r for r in records if isinstance(r, Deployment))
    return IncidentFile(kind, chosen.label, found, incidents, deployments, tuple(rows), notes)


def _convert(field_name: str, cell: Any, order: str | None, date1904: bool
             ) -> tuple[Any, str | None]:
    if field_name in TIME_FIELDS:
        moment, reason = parse_utc(cell, order, date1904)
        if moment is None and reason is None and field_name in ("started", "deployed_at"):
            return None, "no time given; this column is required"
        return moment, reason
    if field_name in ("severity", "availability_impact", "category", "detection_source",
                      "failed_needing_remediation"):
        return (None, None) if is_blank(cell) else _word(cell, field_name)
    text = _text(cell)
    if field_name in ("id", "deployment") and not text:
        return None, "no id given; each row needs one"
    return text, None


def _record(kind: str, v: dict[str, Any]) -> Incident | Deployment:
    if kind == "deployments":
        return Deployment(v["deployment"], v["deployed_at"], v.get("service") or "",
                          v.get("kind") or "", v.get("failed_needing_remediation"),
                          v.get("linked_incident") or "", v.get("service_restored"))
    return Incident(
        v["id"], v.get("title") or "", v["started"], v.get("service") or "",
        v.get("category") or "other", v.get("severity") or "SEV3",
        v.get("availability_impact") or "none", v.get("detected"), v.get("acknowledged"),
        v.get("restored"), v.get("resolved"), v.get("closed"),
        v.get("detection_source") or "", v.get("model") or "", v.get("model_version") or "",
        v.get("caused_by_deployment") or "", owner=v.get("owner") or "")
