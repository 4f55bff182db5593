"""What every section builder gets: the data, the period, numbering and layout helpers."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from opsdesk.core.report import styles
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.report.doc import Heading
from opsdesk.core.report.text import para


@dataclass
class BuildContext:
    conn: sqlite3.Connection
    config: ReportConfig
    start: date  # the reporting period, inclusive
    end: date
    portrait_width: float
    landscape_width: float
    body_height: float
    landscape: bool = False  # the current section's orientation
    cache: dict[str, Any] = field(default_factory=dict)
    _section: int = 0
    _sub: int = 0

    # -- data ------------------------------------------------------------------------
    @property
    def as_of(self) -> date:
        """Statuses judge the periods that ended by the end of the reporting period."""
        from datetime import timedelta

        return self.end + timedelta(days=1)

    def rows(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def table_exists(self, name: str) -> bool:
        found = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)
        ).fetchone()
        return found is not None

    # -- layout ----------------------------------------------------------------------
    @property
    def width(self) -> float:
        return self.landscape_width if self.landscape else self.portrait_width

    def section_heading(self, title: str) -> Heading:
        self._section += 1
        self._sub = 0
        number = f"{self._section}"
        plain = f"{number}  {title}"
        markup = f'<font color="{styles.MUTED}">{number}</font>&nbsp;&nbsp;{para(title)}'
        return Heading(markup, styles.sheet()["h1"], 0, plain, f"s{self._section}")

    def sub_heading(self, title: str) -> Heading:
        self._sub += 1
        number = f"{self._section}.{self._sub}"
        plain = f"{number}  {title}"
        markup = f'<font color="{styles.MUTED}">{number}</font>&nbsp;&nbsp;{para(title)}'
        return Heading(markup, styles.sheet()["h2"], 1, plain, f"s{self._section}.{self._sub}")

    def p(self, user_text: object, style: str = "body") -> Any:
        """A paragraph of user text (escaped)."""
        from opsdesk.core.report.parsed_paragraph import ParsedParagraph

        return ParsedParagraph(para(user_text), styles.sheet()[style])

    def m(self, markup: str, style: str = "body") -> Any:
        """A paragraph of our own markup; user parts must already be ``para``-escaped."""
        from opsdesk.core.report.parsed_paragraph import ParsedParagraph

        return ParsedParagraph(markup, styles.sheet()[style])

