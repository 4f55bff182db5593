"""The contents page: a reportlab TableOfContents in the house style."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.tableofcontents import TableOfContents

from opsdesk.core.report import styles


@dataclass
class Contents:
    toc: TableOfContents
    story: list[Any]


def contents() -> Contents:
    sheet = styles.sheet()
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [sheet["toc1"], sheet["toc2"]]
    toc.dotsMinLevel = 1
    toc.rightColumnWidth = 30
    return Contents(toc, [Paragraph("Contents", sheet["toc_title"]), toc])
