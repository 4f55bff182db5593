"""What a report contains: the template's settings, stored as JSON in ``report_templates``."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError

# Every section in its default order; the registry holds what each one draws.
DEFAULT_SECTIONS: tuple[str, ...] = (
    "summary", "goals", "scorecard", "bowling", "kpi_pages", "control_charts", "capability",
    "pareto", "process_maps", "value_streams", "alerts", "projects", "incidents",
    "appendix",
)

# The template's line until the user writes their own; printed with the client's name
# (``confidentiality_line``), never as "the client".
DEFAULT_CONFIDENTIALITY = "Confidential — prepared for the client's internal use"


@dataclass(frozen=True)
class ReportConfig:
    title: str = "Operations review"
    client: str = ""
    author: str = ""
    subtitle: str = ""
    period_from: str | None = None  # ISO dates; None: the twelve months up to the data
    period_to: str | None = None
    sections: tuple[str, ...] = DEFAULT_SECTIONS
    kpi_ids: tuple[int, ...] = ()  # empty: every KPI
    bowling_kpi_ids: tuple[int, ...] = ()  # empty: every KPI
    chart_ids: tuple[int, ...] = ()  # empty: every saved control chart
    logo: str | None = None  # path of a PNG or JPEG
    paper: str = "a4"
    confidentiality: str = DEFAULT_CONFIDENTIALITY
    summary_text: str = ""
    currency: str = ""  # of the projects' benefits, e.g. "EUR"; empty: the numbers alone

    def confidentiality_line(self) -> str:
        if self.confidentiality.strip() != DEFAULT_CONFIDENTIALITY:
            return self.confidentiality
        client = self.client.strip()
        return (f"Confidential — prepared for the internal use of {client}" if client
                else "Confidential — for internal use")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | None) -> ReportConfig:
        try:
            raw: Any = json.loads(text or "{}")
        except json.JSONDecodeError:
            raw = {}
        if not isinstance(raw, dict):
            raw = {}
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key not in known or (value is None and key not in ("logo", "period_from",
                                                                  "period_to")):
                continue
            if key in ("sections", "kpi_ids", "bowling_kpi_ids", "chart_ids"):
                if not isinstance(value, list):
                    continue
                value = tuple(value)
            values[key] = value
        config = cls(**values)
        if config.paper not in ("a4", "letter"):
            config = replace(config, paper="a4")
        return config

    def with_period(self, start: date | None, end: date | None) -> ReportConfig:
        return replace(self, period_from=start.isoformat() if start else None,
                       period_to=end.isoformat() if end else None)


def parse_period(text: str) -> tuple[date, date]:
    """``FROM..TO`` with ISO dates or months (``2026-01..2026-06``), inclusive."""
    from calendar import monthrange

    parts = text.split("..")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise OpsdeskError(f"The period {text!r} is not FROM..TO (e.g. 2026-01..2026-06).")
    days: list[date] = []
    for index, part in enumerate(p.strip() for p in parts):
        try:
            if len(part) == 7:
                year, month = int(part[:4]), int(part[5:7])
                last = monthrange(year, month)[1]
                days.append(date(year, month, 1 if index == 0 else last))
            else:
                days.append(date.fromisoformat(part))
        except ValueError:
            raise OpsdeskError(
                f"The period {text!r} has a date that cannot be read: {part!r}."
            ) from None
    for day in days:
        ranges.check_date(day, f"The period {text!r} has a date that")
    if days[0] > days[1]:
        raise OpsdeskError(f"The period {text!r} ends before it starts.")
    return days[0], days[1]

