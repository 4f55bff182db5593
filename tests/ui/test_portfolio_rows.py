"""The Portfolio tab's rows made in the pool (``portfolio_rows``): in the portfolio's order
(methodology, then its phases in the order they run, finished ones last), formatted as
the table shows them, and filtered by methodology and status keeping that order. No Qt."""

from __future__ import annotations

from datetime import date

from opsdesk.core.improve.project import Charter, Project, TeamMember
from opsdesk.core.improve.project_store import StoredProject
from opsdesk.ui.improve.portfolio_rows import portfolio_rows, shown_projects


def stored(pid: int, method: str, phase: str, status: str = "active",
           expected: float | None = None, overdue: int = 0) -> StoredProject:
    charter = Charter(team=(TeamMember("Maria Keller", "leader"),))
    project = Project(pid, f"Project {pid}", method, phase, status, charter,
                      due_on=date(2026, 9, 30))
    return StoredProject(project, "", expected, None, 2, overdue)


PROJECTS = [stored(1, "PDCA", "Act"), stored(2, "DMAIC", "Measure", expected=12345.6),
            stored(3, "DMAIC", "Define", "on hold"), stored(4, "PDCA", "Plan"),
            stored(5, "DMAIC", "Analyze", "cancelled"), stored(6, "DMAIC", "Define", overdue=1)]


def test_in_the_portfolio_order() -> None:
    table = portfolio_rows(PROJECTS)
    # by hand: unfinished first; DMAIC before PDCA (by name); Define (3, 6), Measure (2);
    # Plan (4), Act (1); then the cancelled one (5)
    assert [s.project.id for s in table.projects] == [3, 6, 2, 4, 1, 5]
    assert [r["id"] for r in table.rows] == [3, 6, 2, 4, 1, 5]
    row = table.rows[2]
    assert (row["expected"], row["realised"], row["leader"], row["due"], row["actions"]) == (
        "12,346", "—", "Maria Keller", "2026-09-30", "2")
    assert table.rows[1]["actions"] == "2 (1 overdue)"


def test_filters_keep_the_order() -> None:
    table = portfolio_rows(PROJECTS)
    assert [s.project.id for s, _r in shown_projects(table, "DMAIC")] == [3, 6, 2, 5]
    assert [s.project.id for s, _r in shown_projects(table, None, "active")] == [6, 2, 4, 1]
    assert [r["id"] for _s, r in shown_projects(table, "PDCA", "on hold")] == []
    assert len(shown_projects(table)) == len(PROJECTS)
