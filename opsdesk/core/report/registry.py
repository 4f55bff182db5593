"""The section registry: each module contributes its own sections to the review.

A section module under ``opsdesk.core.report.sections`` calls ``register`` at import
time. ``sections()`` imports the modules listed in ``SECTION_MODULES`` on first use, so
adding a section is one module and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opsdesk.core.report.context import BuildContext

SECTION_MODULES: tuple[str, ...] = (
    "summary", "goals", "scorecard", "bowling", "kpi_pages", "control_charts", "capability",
    "pareto", "process_maps", "value_streams", "alerts", "projects", "incidents",
    "appendix",
)


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    description: str  # one line for the Reports page
    # The flowables of the section, or None when there is nothing to report (omitted).
    build: Callable[[BuildContext], list[Any] | None]
    landscape: bool = False


_REGISTRY: dict[str, Section] = {}
_loaded = False


def register(section: Section) -> Section:
    _REGISTRY[section.key] = section
    return section


def sections() -> dict[str, Section]:
    """Every registered section by key, in ``SECTION_MODULES`` order."""
    global _loaded
    if not _loaded:
        for name in SECTION_MODULES:
            importlib.import_module(f"opsdesk.core.report.sections.{name}")
        _loaded = True
    return dict(_REGISTRY)


def section_titles() -> list[tuple[str, str, str]]:
    """(key, title, description) of every section, without importing reportlab."""
    from opsdesk.core.report.section_catalogue import CATALOGUE

    return list(CATALOGUE)
