"""Goals, the roadmap, the X-matrix and the people directory."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.actions import Action, Source
from opsdesk.core.improve.people import Directory, Person, Team, Workload, check_directory, workload
from opsdesk.core.improve.project import Charter, LinkedKpi, Project, TeamMember
from opsdesk.core.improve.roadmap import roadmap
from opsdesk.core.improve.strategy import (
    Goal,
    Link,
    check_goal,
    goal_status,
    goals_of_kpi,
    goals_of_project,
    horizon_of,
    horizon_warning,
)
from opsdesk.core.improve.x_matrix import x_matrix

AS_OF = date(2026, 3, 31)

LONG = Goal(1, "World-class delivery", "service", "3-5 years", "Ana Ruiz", date(2029, 12, 31),
            kpis=(Link(10), Link(11, "weak")))
ANNUAL = Goal(2, "Lead time under 6.5 days", "service", "1-2 years", "Maria Keller",
              date(2026, 12, 31), kpis=(Link(10),), projects=(Link(100), Link(101, "weak")),
              serves=1)
AI = Goal(3, "Models retrained on schedule", "AI/ML operations", "1-2 years", "Priya Nair",
          date(2026, 9, 30), kpis=(Link(12),), projects=(Link(102),))
GOALS = [LONG, ANNUAL, AI]


def team(leader: str, *members: str) -> Charter:
    return Charter(team=(TeamMember(leader, "leader"),
                         *(TeamMember(m, "member") for m in members)))


PROJECTS = [
    Project(100, "Pick list redesign", "DMAIC", "Improve", charter=team("Maria Keller", "Li Wei"),
            kpis=(LinkedKpi(10),), started_on=date(2026, 1, 5), due_on=date(2026, 6, 30)),
    Project(101, "Carrier booking", "PDCA", "Do", charter=team("Li Wei"),
            kpis=(LinkedKpi(10), LinkedKpi(11)), started_on=date(2026, 4, 1),
            due_on=date(2026, 8, 31)),
    Project(102, "Retraining rota", "A3", "Plan", charter=team("Priya Nair", "Maria Keller"),
            kpis=(LinkedKpi(12),), started_on=date(2026, 2, 1), due_on=date(2026, 5, 29)),
    Project(103, "Shelf labels", "Kaizen", "Event", charter=team("Tom Berg"),
            started_on=date(2026, 3, 9), due_on=date(2026, 3, 13)),
    Project(104, "Unplanned idea", "PDCA", "Plan"),
]


def test_horizons_from_target_dates() -> None:
    assert horizon_of(date(2027, 6, 30), AS_OF) == "1-2 years"
    assert horizon_of(date(2029, 12, 31), AS_OF) == "3-5 years"
    assert horizon_of(date(2033, 1, 1), AS_OF) == "5+ years"
    assert horizon_warning(LONG, AS_OF) is None
    wrong = Goal(9, "Quick win", "process", "1-2 years", "A", date(2031, 1, 1))
    assert horizon_warning(wrong, AS_OF) == (
        "The goal 'Quick win' is set for 1-2 years, but its target date 2031-01-01 is 3-5 "
        "years away.")


def test_goal_checks() -> None:
    for goal in GOALS:
        check_goal(goal, GOALS)
    with pytest.raises(OpsdeskError, match="the pillars are process, quality, service, "
                                           "innovation, people, AI/ML operations"):
        check_goal(Goal(9, "x", "finance", "1-2 years", "A", AS_OF))
    with pytest.raises(OpsdeskError, match="a goal serves one of a longer horizon"):
        check_goal(Goal(9, "x", "process", "3-5 years", "A", AS_OF, serves=1), GOALS)
    with pytest.raises(OpsdeskError, match="serves goal 42, which does not exist"):
        check_goal(Goal(9, "x", "process", "1-2 years", "A", AS_OF, serves=42), GOALS)
    with pytest.raises(OpsdeskError, match="links the same KPI twice"):
        check_goal(Goal(9, "x", "process", "1-2 years", "A", AS_OF, kpis=(Link(1), Link(1))))


def test_goal_status_from_its_kpis() -> None:
    assert goal_status(ANNUAL, {10: "green"}, AS_OF) == "on track"
    assert goal_status(LONG, {10: "green", 11: "amber"}, AS_OF) == "at risk"
    assert goal_status(LONG, {10: "red", 11: "green"}, AS_OF) == "off track"
    assert goal_status(LONG, {}, AS_OF) == "no data"
    # past its target date, amber is no longer "at risk"
    assert goal_status(ANNUAL, {10: "amber"}, date(2027, 1, 4)) == "off track"
    assert [g.id for g in goals_of_kpi(GOALS, 10)] == [1, 2]
    assert [g.id for g in goals_of_project(GOALS, 102)] == [3]


def test_roadmap_lanes_rows_and_notes() -> None:
    road = roadmap(GOALS, PROJECTS)
    assert [lane.pillar for lane in road.lanes] == ["service", "AI/ML operations", "Unassigned"]
    service = road.lanes[0]
    items = {(i.kind, i.id): i for i in service.items}
    # service: goal 2 (2026-12-31), goal 1 (2029-12-31), projects 100 (Jan-Jun), 101 (Apr-Aug)
    assert items[("project", 100)].row == 0
    assert items[("project", 101)].row == 1   # overlaps 100 in April-June
    assert items[("goal", 2)].row == 0        # after 100 ended
    assert items[("goal", 1)].row == 0
    assert service.rows == 2
    assert items[("project", 100)].owner == "Maria Keller"
    assert [i.id for i in road.lanes[2].items] == [103]
    assert road.notes == ("Shelf labels serves no goal.",
                          "Unplanned idea has no start date, so it is not on the roadmap.")
    assert (road.start, road.end) == (date(2026, 1, 5), date(2029, 12, 31))


def test_roadmap_gap_keeps_labels_apart() -> None:
    later = Project(7, "Next", "PDCA", "Plan", started_on=date(2026, 7, 10),
                    due_on=date(2026, 8, 1))
    road = roadmap([], [PROJECTS[0], later], min_gap_days=14)
    assert [i.row for i in road.lanes[0].items] == [0, 1]  # 10 days apart: too close
    assert roadmap([], []).lanes == () and roadmap([], []).start is None


def test_x_matrix_arms_and_marks() -> None:
    xm = x_matrix(GOALS, PROJECTS, {10: "Lead time", 11: "OTIF", 12: "Retraining on time"})
    assert [i.id for i in xm.breakthrough] == [1]
    assert [i.id for i in xm.annual] == [2, 3]
    assert [i.label for i in xm.projects] == ["Pick list redesign", "Carrier booking",
                                              "Retraining rota"]
    assert [i.label for i in xm.kpis] == ["Lead time", "OTIF", "Retraining on time"]
    assert xm.breakthrough_annual == {(1, 2): "strong"}
    assert xm.annual_projects == {(2, 100): "strong", (2, 101): "weak", (3, 102): "strong"}
    assert xm.projects_kpis == {(100, 10): "strong", (101, 10): "strong", (101, 11): "strong",
                                (102, 12): "strong"}
    assert xm.kpis_breakthrough == {(10, 1): "strong", (11, 1): "weak"}
    assert xm.owners == ("Maria Keller", "Li Wei", "Priya Nair")
    assert xm.projects_owners == {
        (100, "Maria Keller"): "primary", (100, "Li Wei"): "secondary",
        (101, "Li Wei"): "primary", (102, "Priya Nair"): "primary",
        (102, "Maria Keller"): "secondary"}
    assert xm.notes == ()


def test_x_matrix_names_what_it_cannot_show() -> None:
    direct = Goal(4, "Zero outages", "AI/ML operations", "5+ years", "Priya Nair",
                  date(2032, 1, 1), projects=(Link(103),))
    lonely = Goal(5, "Safer plant", "people", "1-2 years", "Tom Berg", date(2026, 12, 1))
    xm = x_matrix([direct, lonely], PROJECTS, {})
    assert xm.notes == (
        "Shelf labels serves 'Zero outages' directly; the X-matrix links projects through an "
        "annual objective (1-2 years), so it shows no goal for it.",
        "The annual objective 'Safer plant' has no project.")


DIRECTORY = Directory(
    (Person("Maria Keller", "Operations", "Lean lead"), Person("Priya Nair", "ML platform"),
     Person("Li Wei", "Operations"), Person("Tom Berg", "Operations")),
    (Team("Operations", "Maria Keller"), Team("ML platform", "Priya Nair", "Operations")))


def test_directory_resolves_owner_names() -> None:
    check_directory(DIRECTORY)
    assert DIRECTORY.resolve("  maria   KELLER ") == "Maria Keller"
    with pytest.raises(OpsdeskError, match=r"No one called 'Maria Keler' .* Did you mean "
                                           "'Maria Keller'"):
        DIRECTORY.resolve("Maria Keler")
    assert [p.name for p in DIRECTORY.members("operations")] == ["Maria Keller", "Li Wei",
                                                                 "Tom Berg"]


def test_directory_checks() -> None:
    with pytest.raises(OpsdeskError, match="'maria keller' is in the people directory twice"):
        check_directory(Directory((Person("Maria Keller"), Person("maria keller"))))
    with pytest.raises(OpsdeskError, match="in the team 'Sales', which is not"):
        check_directory(Directory((Person("A", "Sales"),)))
    with pytest.raises(OpsdeskError, match="lead of Ops, 'B', is not"):
        check_directory(Directory((Person("A"),), (Team("Ops", "B"),)))


def test_workload_per_person() -> None:
    actions = [Action(1, "a", "Maria Keller", Source("project"), date(2026, 3, 1)),
               Action(2, "b", "maria keller", Source("alert"), date(2026, 4, 30)),
               Action(3, "c", "Priya Nair", Source("alert"), status="done",
                      done_on=date(2026, 3, 2))]
    loads = {w.name: w for w in workload(DIRECTORY, actions, PROJECTS, AS_OF)}
    assert loads["Maria Keller"] == Workload("Maria Keller", 2, 1, 1, 1)
    assert loads["Priya Nair"] == Workload("Priya Nair", 0, 0, 1, 0)
    assert loads["Li Wei"] == Workload("Li Wei", 0, 0, 1, 1)
