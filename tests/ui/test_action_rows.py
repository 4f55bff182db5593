"""The Actions tab's rows made in the pool (``action_rows``): in core's order, formatted
as the tab shows them, counted, and filtered by owner and lateness exactly as core's
``filter_actions`` filters the actions themselves. No Qt."""

from __future__ import annotations

from datetime import date

from opsdesk.core.improve.actions import Action, Source, counts, filter_actions
from opsdesk.ui.improve.action_rows import action_row, action_rows, shown_rows

AS_OF = date(2026, 6, 30)
PROJECT = Source("project", 1, "Raise OEE")
ACTIONS = [
    Action(1, "Audit", "Maria Keller", PROJECT, date(2026, 7, 15)),
    Action(2, "Train", "maria  keller", PROJECT, date(2026, 6, 20), priority="high"),
    Action(3, "Label", "Jon Berg", Source("alert", 9), date(2026, 6, 1), "in progress"),
    Action(4, "Fix", "Jon Berg", PROJECT, date(2026, 5, 1), "done", done_on=date(2026, 5, 2)),
    Action(5, "Map", "", Source("kaizen burst", 3, "Changeover"), None),
    Action(6, "Spare", "Maria Keller", PROJECT, date(2026, 6, 30), "cancelled"),
]


def test_rows_in_urgency_order_as_shown() -> None:
    table = action_rows(ACTIONS, AS_OF)
    # by hand: overdue first, longest overdue first (3: 29 days, 2: 10 days), then open by
    # due date with no due date last (1, 5), then the closed ones by due date (4, 6)
    assert [r["id"] for r in table.rows] == [3, 2, 1, 5, 4, 6]
    assert table.rows[0] == {"id": 3, "title": "Label", "owner": "Jon Berg",
                             "due": "2026-06-01 (29 d overdue)", "status": "in progress",
                             "priority": "medium", "source": "alert", "_overdue": True}
    assert table.rows[3]["due"] == "—" and table.rows[3]["source"] == "kaizen burst: Changeover"
    assert table.rows[2]["due"] == "2026-07-15" and not table.rows[2]["_overdue"]
    # open: 1, 2, 3, 5; overdue: 2, 3; done: 4
    assert (table.counts.open, table.counts.overdue, table.counts.done) == (4, 2, 1)
    assert table.owners == {"Maria Keller", "maria  keller", "Jon Berg", ""}


def test_filters_keep_what_filter_actions_keeps() -> None:
    table = action_rows(ACTIONS, AS_OF)
    assert table.counts == counts(ACTIONS, AS_OF)
    for owner in (None, "Maria Keller", "MARIA KELLER ", "Jon Berg", "Nobody"):
        for overdue in (None, True, False):
            expected = [action_row(a, AS_OF)
                        for a in filter_actions(ACTIONS, AS_OF, owner=owner, overdue=overdue)]
            assert shown_rows(table, owner, overdue) == expected, (owner, overdue)
    assert [r["id"] for r in shown_rows(table, "maria keller", True)] == [2]


def test_no_actions() -> None:
    table = action_rows([], AS_OF)
    assert table.rows == [] and shown_rows(table, "Maria Keller", True) == []
    assert (table.counts.open, table.counts.overdue, table.counts.done) == (0, 0, 0)
