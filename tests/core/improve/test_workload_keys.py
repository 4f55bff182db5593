"""Each person's workload (``people.workload``) counted with owners keyed once: the same
counts as comparing every action and project with every person (``same_person``), the
plain way written out here, on many random directories, actions and teams."""

from __future__ import annotations

import random
from datetime import date

from opsdesk.core.improve.actions import STATUSES, Action, Source, same_person
from opsdesk.core.improve.people import Directory, Person, Workload, workload
from opsdesk.core.improve.project import Charter, Project, TeamMember

AS_OF = date(2026, 6, 30)
SPELLINGS = ("Maria Keller", "maria keller", " Maria  KELLER", "Jon Berg", "jon berg",
             "Aisha Rahman", "Nobody Here", "")


def plain(directory: Directory, actions: list[Action], projects: list[Project]
          ) -> list[Workload]:
    active = [p for p in projects if p.status == "active"]
    out = []
    for person in directory.people:
        mine = [a for a in actions if a.is_open and same_person(a.owner, person.name)]
        led = sum(any(same_person(n, person.name) for n in p.charter.people("leader"))
                  for p in active)
        member = sum(any(same_person(m.name, person.name) and m.role != "leader"
                         for m in p.charter.team) for p in active)
        out.append(Workload(person.name, len(mine), sum(a.overdue(AS_OF) for a in mine),
                            led, member))
    return out


def test_as_comparing_everyone() -> None:
    chance = random.Random(13)
    directory = Directory((Person("Aisha Rahman"), Person("Jon Berg"), Person("Maria Keller")))
    for _case in range(100):
        actions = [Action(i, "Do it", chance.choice(SPELLINGS), Source("project", 1),
                          chance.choice((None, date(2026, 5, 1), date(2026, 7, 1))),
                          chance.choice(STATUSES)) for i in range(chance.randint(0, 40))]
        projects = [Project(i, f"P{i}", "DMAIC", "Define",
                            chance.choice(("active", "on hold", "done")),
                            Charter(team=tuple(TeamMember(chance.choice(SPELLINGS),
                                                          chance.choice(("leader", "member",
                                                                         "sponsor")))
                                               for _m in range(chance.randint(0, 4)))))
                    for i in range(chance.randint(0, 10))]
        assert workload(directory, actions, projects, AS_OF) == plain(directory, actions,
                                                                      projects)


def test_by_hand() -> None:
    # Maria: two open actions (one due before the review date: overdue), one done; she
    # leads one active project and is a member of another, and leads a project on hold
    directory = Directory((Person("Maria Keller"),))
    actions = [Action(1, "a", "maria keller", Source("project", 1), date(2026, 6, 1)),
               Action(2, "b", "Maria Keller", Source("project", 1), date(2026, 7, 1)),
               Action(3, "c", "Maria Keller", Source("project", 1), None, "done")]
    projects = [Project(1, "P1", "DMAIC", "Define", "active",
                        Charter(team=(TeamMember("Maria Keller", "leader"),))),
                Project(2, "P2", "DMAIC", "Define", "active",
                        Charter(team=(TeamMember("MARIA KELLER", "member"),))),
                Project(3, "P3", "DMAIC", "Define", "on hold",
                        Charter(team=(TeamMember("Maria Keller", "leader"),)))]
    assert workload(directory, actions, projects, AS_OF) == [
        Workload("Maria Keller", 2, 1, 1, 1)]


def test_unresolved_incidents_owned() -> None:
    # one owner name per unresolved incident, spelt as stored: two are Maria's
    directory = Directory((Person("Maria Keller"), Person("Jon Berg")))
    assert workload(directory, [], [], AS_OF, ["maria keller", " Maria  KELLER", "Nobody"]) == [
        Workload("Maria Keller", 0, 0, 0, 0, 2), Workload("Jon Berg", 0, 0, 0, 0, 0)]
