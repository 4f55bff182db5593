"""Which column is what: the mapping, suggested from header names and column types.

Long layout: one row per observation (date, KPI, value and optional fields). Wide layout:
a date column and one column per KPI, or a KPI column and one column per period.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import dates
from opsdesk.core.imports.header import normalize
from opsdesk.core.imports.numbers import parse_number
from opsdesk.core.imports.table import RawTable, is_blank

FIELDS = ("date", "kpi", "value", "subgroup", "size", "segment", "note", "key")
LAYOUTS = ("auto", "long", "wide")
FIELDS_LABEL = {"date": "the date", "kpi": "the KPI name", "value": "the value"}

# Header words that name each field, compared after normalize(); first ones weigh most.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "date": (
        "date",
        "day",
        "period",
        "month",
        "week",
        "timestamp",
        "datetime",
        "date/time",
        "time",
        "ts",
        "as of",
        "reporting date",
        "report date",
        "fecha",
        "datum",
        "quarter",
    ),
    "kpi": (
        "kpi",
        "kpi name",
        "metric",
        "metric name",
        "measure",
        "indicator",
        "kpi id",
        "series",
        "name",
        "indicateur",
        "kennzahl",
    ),
    "value": (
        "value",
        "actual",
        "actual value",
        "result",
        "measurement",
        "reading",
        "amount",
        "val",
        "score",
        "valeur",
        "wert",
        "observation",
    ),
    "subgroup": ("subgroup", "sub group", "sample", "sample id", "batch", "lot", "group"),
    "size": (
        "sample size",
        "size",
        "n",
        "count",
        "inspected",
        "units inspected",
        "denominator",
        "opportunities",
    ),
    "segment": (
        "segment",
        "site",
        "plant",
        "line",
        "team",
        "location",
        "region",
        "area",
        "department",
        "shift",
        "store",
        "branch",
    ),
    "note": ("note", "notes", "comment", "comments", "remark", "remarks", "description"),
    "key": (
        "key",
        "id",
        "source key",
        "record id",
        "row id",
        "ticket",
        "ticket id",
        "reference",
        "ref",
        "uuid",
    ),
}


class LayoutUnclear(OpsdeskError):
    """The file's layout could not be told without the user saying which column is what.

    ``str()`` says so in words for the wizard; ``with_options()`` adds the command-line
    options that settle it (``--map date=COLUMN``).
    """

    def __init__(self, message: str, *options: str) -> None:
        super().__init__(message)
        self.options = options

    def with_options(self) -> str:
        return f"{self} Give {' '.join(self.options)}." if self.options else str(self)


def _map(field_name: str, column: str = "COLUMN") -> str:
    """The ``--map`` option for a field, ready to paste into a shell."""
    import shlex

    return f"--map {shlex.quote(f'{field_name}={column}')}"


@dataclass
class Mapping:
    layout: str = "long"  # "long" or "wide"
    fields: dict[str, str] = field(default_factory=dict)  # field -> column name
    header_row: int | None = None  # file row number of the header; None: no header
    kpi_columns: list[str] = field(default_factory=list)  # wide, with a date column
    period_columns: list[str] = field(default_factory=list)  # wide, with a KPI column
    date_order: str | None = None  # "dmy" / "mdy" for 01/02/2024-style text dates
    create_kpis: bool = True

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        data = json.loads(text)
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def describe(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.fields)
        if self.kpi_columns:
            out["kpis"] = list(self.kpi_columns)
        if self.period_columns:
            out["periods"] = list(self.period_columns)
        return out


@dataclass
class ColumnProfile:
    name: str
    numbers: float  # share of non-blank sample cells that read as numbers
    dates: float  # ... as dates (date cells, date text)
    texts: float  # ... as other text
    distinct: int
    filled: int


_WORD = re.compile(r"[^\w%/]+")


def name_score(header: str, field_name: str) -> int:
    """3 for an exact synonym, 2 when a synonym is one of the header's words, else 0."""
    from opsdesk.core.imports.header import split_unit

    base = normalize(split_unit(header)[0])
    words = set(_WORD.split(base)) - {""}
    for rank, synonym in enumerate(SYNONYMS[field_name]):
        if base == synonym or normalize(header) == synonym:
            return 30 - rank // 4
        if " " not in synonym and len(synonym) > 2 and synonym in words:
            return 20 - rank // 4
    return 0


def profile(
    table: RawTable, names: list[str], header: int | None, sample: int = 300
) -> list[ColumnProfile]:
    start = 0 if header is None else header + 1
    out = []
    for c, name in enumerate(names):
        cells = [v for v in table.columns[c][start : start + sample] if not is_blank(v)]
        n = max(len(cells), 1)
        numbers = sum(
            1
            for v in cells
            if (isinstance(v, (int, float)) and not isinstance(v, bool))
            or (isinstance(v, str) and parse_number(v, table.decimal_comma) is not None)
        )
        date_count = sum(
            1
            for v in cells
            if isinstance(v, date)
            or (isinstance(v, str) and dates.parse_text(v, "dmy")[0] is not None)
        )
        out.append(
            ColumnProfile(
                name,
                numbers / n,
                date_count / n,
                (len(cells) - numbers - date_count) / n,
                len({str(v) for v in cells}),
                len(cells),
            )
        )
    return out


def _pick(field_name: str, profiles: list[ColumnProfile], taken: set[str]) -> str | None:
    best, best_score = None, 0.0
    for p in profiles:
        if p.name in taken:
            continue
        score = float(name_score(p.name, field_name))
        if not score:
            continue
        # The type must agree with the name; an exact name forgives a messier column.
        need = 0.3 if score >= 25 else 0.6
        if field_name == "date":
            score *= 1 if p.dates >= need or p.numbers >= 0.9 else 0
        elif field_name in ("value", "size"):
            score *= 1 if p.numbers >= need else 0
        elif field_name == "kpi":
            score *= 1 if p.texts >= need else 0
        elif field_name in ("segment", "note") and score < 25:
            # A word of the name is not enough for a column of numbers ("Line 2 OEE").
            score *= 1 if p.texts >= 0.6 else 0
        if score > best_score:
            best, best_score = p.name, score
    return best


def _period_headers(names: list[str], taken: set[str]) -> list[str]:
    return [n for n in names if n not in taken and dates.parse_text(n, "dmy")[0] is not None]


def suggest(
    table: RawTable,
    names: list[str],
    header: int | None,
    layout: str = "auto",
    given: dict[str, str] | None = None,
) -> Mapping:
    """The mapping a user would most likely choose; ``given`` fields are kept as they are."""
    given = dict(given or {})
    for field_name, column in given.items():
        if field_name not in FIELDS:
            raise OpsdeskError(f"Unknown field {field_name!r}; fields are {', '.join(FIELDS)}.")
        if column not in names:
            match = [n for n in names if normalize(n) == normalize(column)]
            if not match:
                raise OpsdeskError(
                    f"{table.file_name} has no column {column!r}; its columns are "
                    + ", ".join(repr(n) for n in names[:30])
                    + "."
                )
            given[field_name] = match[0]
    profiles = profile(table, names, header)
    header_row = table.row_numbers[header] if header is not None else None
    fields = dict(given)
    taken = set(fields.values())
    periods = _period_headers(names, taken)
    wide_by_period = (
        layout != "long"
        and "date" not in fields
        and ("kpi" in fields if layout == "wide" else len(periods) >= 2)
    )
    if wide_by_period:
        if "kpi" not in fields:
            texts = [p.name for p in profiles if p.name not in periods and p.texts >= 0.6]
            if not texts:
                raise LayoutUnclear(
                    "The columns look like periods but no column names the KPIs; say which "
                    "column does.",
                    _map("kpi"),
                )
            fields["kpi"] = _pick("kpi", profiles, set(periods)) or texts[0]
        taken = set(fields.values())
        return Mapping("wide", fields, header_row, period_columns=_period_headers(names, taken))
    _suggest_fields(fields, taken, profiles)
    is_long = all(f in fields for f in ("date", "kpi", "value"))
    if layout == "long" or (layout == "auto" and is_long):
        missing = [f for f in ("date", "kpi", "value") if f not in fields]
        if missing:
            raise LayoutUnclear(
                "The long layout needs a date, a KPI and a value column; no column was found for "
                + " and ".join(missing)
                + ".",
                *(_map(m) for m in missing),
            )
        return Mapping("long", fields, header_row)
    if "date" not in fields:
        raise LayoutUnclear(
            "No date column was found, so the layout cannot be told; say which column holds "
            "the dates (and, in a long layout, which the KPIs and the values).",
            _map("date"),
            f"(and {_map('kpi')} {_map('value')} for a long layout)",
        )
    for field_name in ("kpi", "value"):
        if field_name in fields and field_name not in given:
            taken.discard(fields.pop(field_name))
    others = [p for p in profiles if p.name not in taken]
    kpis = [p.name for p in others if layout == "wide" or p.numbers >= 0.6]
    if not kpis:
        raise LayoutUnclear(
            "Besides the date column no column holds numbers; say which column holds the "
            "KPIs and which the values.",
            _map("kpi"),
            _map("value"),
        )
    texts = [p.name for p in others if p.name not in kpis and p.texts >= 0.6]
    if layout == "auto" and texts:
        # A text column nobody claimed may be KPI names (a long layout): ask, never guess.
        raise LayoutUnclear(
            f"The column {texts[0]!r} holds text that no field uses: if it names the KPIs, "
            "choose it as the KPI column and pick the value column; if not, choose the wide "
            "layout.",
            _map("kpi", texts[0]),
            _map("value"),
            "or --layout wide",
        )
    return Mapping("wide", fields, header_row, kpi_columns=kpis)


def _suggest_fields(
    fields: dict[str, str], taken: set[str], profiles: list[ColumnProfile]
) -> None:
    """Fill the fields not given yet from the column names, then a date column by type."""
    for field_name in FIELDS:
        if field_name not in fields:
            chosen = _pick(field_name, profiles, taken)
            if chosen:
                fields[field_name] = chosen
                taken.add(chosen)
    if "date" not in fields:
        dated = [p.name for p in profiles if p.name not in taken and p.dates >= 0.8]
        if dated:
            fields["date"] = dated[0]
            taken.add(dated[0])


def partial(table: RawTable, names: list[str], header: int | None, layout: str = "long") -> Mapping:
    """What could be told when no whole layout could: the user picks the rest."""
    profiles = profile(table, names, header)
    fields: dict[str, str] = {}
    _suggest_fields(fields, set(), profiles)
    header_row = table.row_numbers[header] if header is not None else None
    if layout == "wide":
        fields.pop("value", None)
    return Mapping("wide" if layout == "wide" else "long", fields, header_row)
