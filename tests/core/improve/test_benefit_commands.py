"""A project's monthly benefits written by commands (SetBenefit, DeleteBenefit), each one
undoable step; refusals are one sentence and change nothing; the totals the portfolio shows
and the KPI-derived estimate, worked by hand."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.benefit_commands import DeleteBenefit, SetBenefit
from opsdesk.core.improve.benefit_store import list_benefits, parse_month, project_benefits
from opsdesk.core.improve.project_commands import AddProject, NewProject
from opsdesk.core.improve.project_edits import EditProject
from opsdesk.core.improve.project_store import get_project, list_projects
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.report.helpers import add_kpi, add_values

AS_OF = date(2026, 12, 1)
APR, MAY, JUN = date(2026, 4, 1), date(2026, 5, 1), date(2026, 6, 1)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace
    workspace.close()


def _project(ws: Workspace, name: str = "Faster quotes", **kw: Any) -> int:
    return int(ws.execute(AddProject(NewProject(name, **kw))).result)


def _table(ws: Workspace) -> list[tuple[Any, ...]]:
    return ws.conn.execute("SELECT project_id, month, kind, expected, realised, note FROM"
                           " project_benefits ORDER BY id").fetchall()


def test_set_update_undo_redo_and_the_totals_by_hand(ws: Workspace) -> None:
    pid = _project(ws)
    other = _project(ws, "Press kaizen")
    steps = [SetBenefit(pid, APR, "hard", {"expected": 10000, "realised": 4000}),
             SetBenefit(pid, APR, "soft", {"expected": 2500.5, "note": " time  freed "}),
             SetBenefit(pid, MAY, "hard", {"expected": 10000, "realised": 12000}),
             SetBenefit(pid, MAY, "HARD", {"realised": 11000}),  # an update: one field
             SetBenefit(pid, JUN, "soft", {"realised": -750}),   # harm is allowed
             SetBenefit(other, APR, "hard", {"expected": 1000})]
    undo = []
    for step in steps:
        applied = ws.execute(step)
        assert applied.changes & Changes.PROJECTS
        undo.append(applied.inverse)
    after = _table(ws)
    assert (pid, "2026-04-01", "soft", 2500.5, None, "time freed") in after  # note tidied
    assert (pid, "2026-05-01", "hard", 10000.0, 11000.0, "") in after        # kept expected
    b = project_benefits(ws.conn, get_project(ws.conn, pid, AS_OF).project, AS_OF)  # type: ignore[union-attr]
    # by hand: expected hard 10,000 + 10,000 = 20,000; expected soft 2,500.5;
    # realised hard 4,000 + 11,000 = 15,000; realised soft -750
    assert (b.totals.expected_hard, b.totals.expected_soft) == (20000.0, 2500.5)
    assert (b.totals.realised_hard, b.totals.realised_soft) == (15000.0, -750.0)
    assert [m.month for m in b.months] == [APR, MAY, JUN]
    assert b.estimate_total is None and "No KPI is linked" in b.explanation
    # the portfolio's figures: 20,000 + 2,500.5 = 22,500.5 expected, 15,000 - 750 = 14,250
    # realised; the other project 1,000 expected and nothing realised (None, not 0)
    listed = {s.project.id: (s.expected_benefit, s.realised_benefit)
              for s in list_projects(ws.conn, AS_OF)}
    assert listed == {pid: (22500.5, 14250.0), other: (1000.0, None)}
    for inverse in reversed(undo):
        ws.execute(inverse)
    assert _table(ws) == []
    for step in steps:  # redo: the same rows again
        ws.execute(step)
    assert _table(ws) == after


def test_setting_a_benefit_as_it_is_writes_nothing(ws: Workspace) -> None:
    pid = _project(ws)
    ws.execute(SetBenefit(pid, APR, "hard", {"expected": 5.0}))
    again = ws.execute(SetBenefit(pid, APR, "hard", {"expected": 5.0}))
    assert again.changes == Changes.NONE


@pytest.mark.parametrize(("month", "kind", "values", "words"), [
    (date(2026, 4, 15), "hard", {"expected": 1}, "not the first day of a month"),
    (APR, "medium", {"expected": 1}, "or soft .*, not 'medium'"),
    (APR, "hard", {"expected": math.nan}, "finite"),
    (APR, "hard", {"realised": "lots"}, "not a number"),
    (APR, "hard", {"saved": 1}, "no field 'saved'"),
])
def test_refusals_are_one_sentence_and_change_nothing(ws: Workspace, month: date, kind: str,
                                                      values: dict[str, Any],
                                                      words: str) -> None:
    pid = _project(ws)
    ws.execute(SetBenefit(pid, MAY, "hard", {"expected": 7}))
    before = _table(ws)
    audit = ws.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(OpsdeskError, match=words) as refused:
        ws.execute(SetBenefit(pid, month, kind, values))
    assert str(refused.value).count(".") <= 2 and "\n" not in str(refused.value)
    assert _table(ws) == before
    assert ws.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == audit


def test_unknown_project_and_missing_row_are_refused(ws: Workspace) -> None:
    pid = _project(ws)
    with pytest.raises(OpsdeskError, match="no project 99"):
        ws.execute(SetBenefit(99, APR, "hard", {"expected": 1}))
    with pytest.raises(OpsdeskError, match="no project 99"):
        ws.execute(DeleteBenefit(99, APR, "hard"))
    with pytest.raises(OpsdeskError, match="no soft benefit in April 2026"):
        ws.execute(DeleteBenefit(pid, APR, "soft"))
    with pytest.raises(OpsdeskError, match="not the first day"):
        ws.execute(DeleteBenefit(pid, date(2026, 4, 2), "soft"))
    assert _table(ws) == []


def test_delete_one_kind_or_the_whole_month_and_undo(ws: Workspace) -> None:
    pid = _project(ws)
    for kind in ("hard", "soft"):
        ws.execute(SetBenefit(pid, APR, kind, {"expected": 100, "note": kind}))
    ws.execute(SetBenefit(pid, MAY, "hard", {"expected": 1}))
    before = _table(ws)
    one = ws.execute(DeleteBenefit(pid, APR, "soft"))
    assert [r[2] for r in _table(ws) if r[1] == "2026-04-01"] == ["hard"]
    ws.execute(one.inverse)
    assert _table(ws) == before
    month = ws.execute(DeleteBenefit(pid, APR))  # both kinds: one undo step
    assert [r[1] for r in _table(ws)] == ["2026-05-01"]
    ws.execute(month.inverse)
    assert sorted(_table(ws)) == sorted(before)


def test_a_deleted_project_takes_its_benefits_and_undo_brings_them_back(ws: Workspace
                                                                         ) -> None:
    from opsdesk.core.workspace.row_commands import DeleteRows

    pid = _project(ws)
    ws.execute(SetBenefit(pid, APR, "hard", {"expected": 3, "realised": 2}))
    gone = ws.execute(DeleteRows("projects", (pid,), "Delete project"))
    assert _table(ws) == []
    ws.execute(gone.inverse)
    assert _table(ws) == [(pid, "2026-04-01", "hard", 3.0, 2.0, "")]


def test_a_new_projects_expected_benefit_is_a_hard_row_in_its_start_month(ws: Workspace
                                                                          ) -> None:
    applied = ws.execute(AddProject(NewProject("Cut scrap", started_on=date(2026, 3, 17),
                                               expected_benefit=40000)))
    assert _table(ws) == [(applied.result, "2026-03-01", "hard", 40000.0, None, "")]
    ws.execute(applied.inverse)  # one step: the project and its benefit
    assert _table(ws) == [] and list_projects(ws.conn, AS_OF) == []


def test_the_kpi_estimate_beside_the_typed_figures_worked_by_hand(ws: Workspace) -> None:
    with ws.transaction() as conn:
        kpi = add_kpi(conn, "Lead time", unit="days", direction="lower")
        add_values(conn, kpi, [("2026-03-15", 9.5), ("2026-04-15", 8.0),
                               ("2026-05-10", 7.0), ("2026-05-20", 7.5),  # monthly mean 7.25
                               ("2026-06-15", 9.75)])
    pid = _project(ws, kpi="Lead time")
    ws.execute(EditProject(pid, {"baseline": 9.0, "value_per_unit": 4000.0,
                                 "implemented_on": date(2026, 4, 2)}))
    ws.execute(SetBenefit(pid, APR, "hard", {"realised": 3000}))
    project = get_project(ws.conn, pid, AS_OF).project  # type: ignore[union-attr]
    assert project.kpis[0].value_per_unit == 4000.0
    b = project_benefits(ws.conn, project, AS_OF)
    # lower is better, so improvement = baseline - value, estimate = improvement x 4,000:
    # March is before the implementation month (left out); April (9 - 8) x 4,000 = 4,000;
    # May (9 - 7.25) x 4,000 = 7,000; June (9 - 9.75) x 4,000 = -3,000 (worse: harm)
    assert [(m.month, m.estimate) for m in b.months] == [(APR, 4000.0), (MAY, 7000.0),
                                                         (JUN, -3000.0)]
    assert b.months[0].hard is not None and b.months[0].hard.realised == 3000.0
    assert b.estimate_total == 4000.0 + 7000.0 - 3000.0
    assert b.estimate_kind == "hard"
    assert "improvement of Lead time on its baseline (9 days)" in b.explanation
    assert "worth a month (4,000 per unit)" in b.explanation
    # no value per unit: no estimate, and the sentence says what to give
    ws.execute(EditProject(pid, {"value_per_unit": None}))
    project = get_project(ws.conn, pid, AS_OF).project  # type: ignore[union-attr]
    b = project_benefits(ws.conn, project, AS_OF)
    assert b.estimate_total is None and "value per unit" in b.explanation
    assert [m.month for m in b.months] == [APR]


def test_months_are_read_as_the_cli_types_them() -> None:
    assert parse_month("2026-04") == APR and parse_month(" 2026-04-01 ") == APR
    for bad, words in (("April", "not a month"), ("2026-04-02", "first day")):
        with pytest.raises(OpsdeskError, match=words):
            parse_month(bad)


def test_list_benefits_orders_months_then_kinds(ws: Workspace) -> None:
    pid = _project(ws)
    for month, kind in ((MAY, "soft"), (APR, "soft"), (MAY, "hard")):
        ws.execute(SetBenefit(pid, month, kind, {"expected": 1}))
    assert [(s.benefit.month, s.benefit.kind) for s in list_benefits(ws.conn, pid)] == [
        (APR, "soft"), (MAY, "hard"), (MAY, "soft")]
