"""The Portfolio tab's rows, worked out once in the pool (``improve_data.work_data``):
every project in the portfolio's order (by methodology and phase in the order the phases
run, the finished ones last) beside the row its table shows, so that the tab's filters
(methodology, status) are a pass over ready rows on the GUI thread. No Qt here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from opsdesk.core.improve.methodology import methodology
from opsdesk.core.improve.project_store import StoredProject


def _money(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def finished(s: StoredProject) -> bool:
    return s.project.done or s.project.status in ("done", "cancelled")


def portfolio_order(s: StoredProject) -> tuple[Any, ...]:
    p = s.project
    return (finished(s), p.methodology, methodology(p.methodology).index(p.phase), p.id)


def project_row(s: StoredProject) -> dict[str, Any]:
    p = s.project
    late = f" ({s.actions_overdue} overdue)" if s.actions_overdue else ""
    return {"id": p.id, "phase": p.phase, "name": p.name, "methodology": p.methodology,
            "status": p.status, "leader": p.charter.leader or "—",
            "due": p.due_on.isoformat() if p.due_on else "—",
            "progress": f"{p.progress():.0%}", "expected": _money(s.expected_benefit),
            "realised": _money(s.realised_benefit), "actions": f"{s.actions_open}{late}"}


@dataclass(frozen=True)
class PortfolioRows:
    projects: list[StoredProject]  # in the portfolio's order
    rows: list[dict[str, Any]]     # each one's row, in the same order


def portfolio_rows(projects: Iterable[StoredProject]) -> PortfolioRows:
    ordered = sorted(projects, key=portfolio_order)
    return PortfolioRows(ordered, [project_row(s) for s in ordered])


def shown_projects(table: PortfolioRows, method: str | None = None, status: str | None = None
                   ) -> list[tuple[StoredProject, dict[str, Any]]]:
    """The projects of ``method`` and ``status`` (None: any) with their rows, in order (a
    total order, so filtering the ordered projects keeps it)."""
    return [(s, row) for s, row in zip(table.projects, table.rows, strict=True)
            if method in (None, s.project.methodology) and status in (None, s.project.status)]
