"""Editing a project's charter and moving it through its gates, as undoable commands.

The gate checklists are those of ``methodology.PDCA`` (Plan has four items: problem,
cause, target, plan; Do has two: tested, data); the phases run Plan, Do, Check, Act.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.gate_commands import MoveProject, TickGateItem
from opsdesk.core.improve.project import Milestone, TeamMember
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.project_edits import EditProject
from opsdesk.core.improve.project_store import get_project
from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.workspace import Workspace, audit
from opsdesk.core.workspace.changes import Changes

AS_OF = date(2026, 3, 31)
PLAN_GATE = ("problem", "cause", "target", "plan")  # methodology.PDCA, phase Plan


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace
    workspace.close()


def _project(ws: Workspace) -> int:
    return int(ws.execute(AddProject(NewProject("Cut lead time", "PDCA", "Maria Keller",
                                                "Plant manager"))).result)


def _get(ws: Workspace, project_id: int):  # type: ignore[no-untyped-def]
    stored = get_project(ws.conn, project_id, AS_OF)
    assert stored is not None
    return stored


def test_each_charter_edit_is_one_undoable_step(ws: Workspace) -> None:
    pid = _project(ws)
    ws.execute(AddKpi({"name": "Lead time", "unit": "d", "direction": "lower"}))
    steps = [
        EditProject(pid, {"problem": "  Lead time is 9.3 days  "}),
        EditProject(pid, {"scope_in": ("Order entry", "Picking")}),
        EditProject(pid, {"team": (TeamMember("Jon Berg", "leader"),
                                   TeamMember("Plant manager", "sponsor"),
                                   TeamMember("Ana Ruiz", "member"))}),
        EditProject(pid, {"milestones": (Milestone("Baseline", date(2026, 2, 1)),)}),
        EditProject(pid, {"kpi": "lead TIME"}),
        EditProject(pid, {"baseline": 9.3, "target": 6.0}),
        EditProject(pid, {"implemented_on": date(2026, 3, 2), "value_per_unit": 4000.0}),
    ]
    undo = [ws.execute(step).inverse for step in steps]
    s = _get(ws, pid)
    p = s.project
    assert p.charter.problem == "Lead time is 9.3 days"  # trimmed as typed
    assert p.charter.scope_in == ("Order entry", "Picking")
    assert p.charter.leader == "Jon Berg" and p.charter.people("member") == ("Ana Ruiz",)
    assert p.charter.milestones == (Milestone("Baseline", date(2026, 2, 1)),)
    assert (s.kpi, p.kpis[0].baseline, p.kpis[0].target) == ("Lead time", 9.3, 6.0)
    assert (p.implemented_on, p.kpis[0].value_per_unit) == (date(2026, 3, 2), 4000.0)
    for inverse in reversed(undo):
        ws.execute(inverse)
    p = _get(ws, pid).project
    assert (p.charter.problem, p.charter.scope_in, p.charter.leader, p.kpis) == (
        "", (), "Maria Keller", ())


def test_an_edit_that_changes_nothing_writes_nothing(ws: Workspace) -> None:
    pid = _project(ws)
    assert ws.execute(EditProject(pid, {"problem": ""})).changes == Changes.NONE


def test_refused_edits_change_nothing(ws: Workspace) -> None:
    pid = _project(ws)
    ws.execute(AddProject(NewProject("OEE")))
    for changes, sentence in (
            ({"name": "oee"}, "called 'oee' already"),
            ({"name": "  "}, "needs a name"),
            ({"status": "sleeping"}, "not 'sleeping'"),
            ({"baseline": 3.0}, "Link a KPI"),
            ({"kpi": "Nope"}, "no KPI 'Nope'"),
            ({"team": (TeamMember("A", "leader"), TeamMember("B", "leader"))}, "one leader"),
            ({"colour": "red"}, "no field 'colour'")):
        with pytest.raises(OpsdeskError, match=sentence):
            ws.execute(EditProject(pid, changes))
    assert _get(ws, pid).project.name == "Cut lead time"


def test_the_gate_opens_when_every_item_is_ticked_and_each_move_is_audited(
        ws: Workspace) -> None:
    pid = _project(ws)
    ws.execute(TickGateItem(pid, "Plan", "problem"))
    with pytest.raises(OpsdeskError, match="3 items still open"):  # 4 items, 1 ticked
        ws.execute(MoveProject(pid, "Do"))
    for item in PLAN_GATE[1:]:
        ws.execute(TickGateItem(pid, "Plan", item))
    moved = ws.execute(MoveProject(pid, "Do"))
    p = _get(ws, pid).project
    assert p.phase == "Do" and p.ticked_in("Plan") == frozenset(PLAN_GATE)
    (step,) = p.history
    assert (step.from_phase, step.to_phase, step.direction, step.gate) == (
        "Plan", "Do", "forward", PLAN_GATE)
    entry = [e for e in audit.entries(ws.conn) if e["action"] == "phase move"][-1]
    assert json.loads(entry["after"])["to"] == "Do"
    # back needs a reason
    with pytest.raises(OpsdeskError, match="needs a reason"):
        ws.execute(MoveProject(pid, "Plan"))
    ws.execute(MoveProject(pid, "Plan", "The prediction was never written down"))
    p = _get(ws, pid).project
    assert p.phase == "Plan" and p.history[-1].reason == "The prediction was never written down"
    # undo the back move, then the forward one: Plan again with no history
    ws.execute(moved.inverse)
    p = _get(ws, pid).project
    assert (p.phase, p.history) == ("Plan", ())


def test_passing_the_last_gate_closes_the_project(ws: Workspace) -> None:
    pid = _project(ws)
    # PDCA's gates in order: Plan 4 items, Do 2, Check 2, Act 2 (methodology.PDCA)
    for phase, items, nxt in (("Plan", PLAN_GATE, "Do"), ("Do", ("tested", "data"), "Check"),
                              ("Check", ("compared", "learned"), "Act"),
                              ("Act", ("decided", "standard"), "Done")):
        for item in items:
            ws.execute(TickGateItem(pid, phase, item))
        ws.execute(MoveProject(pid, nxt))
    p = _get(ws, pid).project
    assert (p.phase, p.status, p.closed_on is not None) == ("Done", "done", True)
    ws.execute(MoveProject(pid, "Act", "Benefits not yet validated"))
    p = _get(ws, pid).project
    assert (p.phase, p.status, p.closed_on) == ("Act", "active", None)


def test_a_tick_names_an_item_of_that_gate(ws: Workspace) -> None:
    pid = _project(ws)
    with pytest.raises(OpsdeskError, match="no item 'voc'"):
        ws.execute(TickGateItem(pid, "Plan", "voc"))
    undo = ws.execute(TickGateItem(pid, "Plan", "cause")).inverse
    ws.execute(undo)
    assert _get(ws, pid).project.ticked_in("Plan") == frozenset()
