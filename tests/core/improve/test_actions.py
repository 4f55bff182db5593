"""Actions: overdue as of the review date, the filters and "my actions"."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.actions import (
    Action,
    ActionCounts,
    Source,
    check_action,
    counts,
    filter_actions,
    my_actions,
)

AS_OF = date(2026, 3, 31)  # the workspace's review date
PROJECT = Source("project", 1, "Cut lead time")
REVIEW = Source("incident review", 7, "INC-7 fraud model outage")
BURST = Source("kaizen burst", 12, "Press line 2 changeover")
ALERT = Source("alert", 3, "OEE red")

ACTIONS = [
    Action(1, "Retrain the fraud model", "Priya Nair", REVIEW, date(2026, 3, 20), "open", "high"),
    Action(2, "Add a drift check to the deploy", "priya  nair", REVIEW, date(2026, 3, 31),
           "in progress", "high"),
    Action(3, "SMED workshop", "Maria Keller", BURST, date(2026, 2, 27), "in progress", "low"),
    Action(4, "Pick list redesign", "Maria Keller", PROJECT, date(2026, 4, 15), "open"),
    Action(5, "Check OEE data feed", "Tom Berg", ALERT, None, "open", "medium"),
    Action(6, "Retire old scorecard", "Tom Berg", PROJECT, date(2026, 1, 10), "done",
           done_on=date(2026, 1, 9)),
    Action(7, "Vendor call", "Priya Nair", PROJECT, date(2026, 1, 5), "cancelled"),
]


def test_overdue_is_open_and_due_before_the_review_date() -> None:
    by_id = {a.id: a for a in ACTIONS}
    assert by_id[1].overdue(AS_OF) and by_id[1].days_overdue(AS_OF) == 11
    assert not by_id[2].overdue(AS_OF)      # due on the review date itself
    assert by_id[2].overdue(date(2026, 4, 1))
    assert by_id[3].overdue(AS_OF)          # in progress counts as open
    assert not by_id[5].overdue(AS_OF)      # no due date
    assert not by_id[6].overdue(AS_OF) and not by_id[7].overdue(AS_OF)  # closed


def test_the_list_puts_the_longest_overdue_first() -> None:
    assert [a.id for a in filter_actions(ACTIONS, AS_OF)] == [3, 1, 2, 4, 5, 7, 6]
    assert [a.id for a in filter_actions(ACTIONS, AS_OF, overdue=True)] == [3, 1]


def test_filters() -> None:
    assert [a.id for a in filter_actions(ACTIONS, AS_OF, source="incident review")] == [1, 2]
    assert [a.id for a in filter_actions(ACTIONS, AS_OF, priority="high")] == [1, 2]
    assert [a.id for a in filter_actions(ACTIONS, AS_OF, statuses={"done", "cancelled"})] == [
        7, 6]
    assert [a.id for a in filter_actions(ACTIONS, AS_OF, text="DRIFT")] == [2]


def test_my_actions_forgive_case_and_spacing_and_skip_closed_ones() -> None:
    assert [a.id for a in my_actions(ACTIONS, "Priya Nair", AS_OF)] == [1, 2]
    assert [a.id for a in my_actions(ACTIONS, "tom berg", AS_OF)] == [5]


def test_counts() -> None:
    assert counts(ACTIONS, AS_OF) == ActionCounts(open=5, overdue=2, done=1)


def test_check_action_refuses_what_makes_no_sense() -> None:
    with pytest.raises(OpsdeskError, match="needs a title"):
        check_action(Action(9, " ", "A", PROJECT))
    with pytest.raises(OpsdeskError, match="give the day it was done"):
        check_action(Action(9, "x", "A", PROJECT, status="done"))
    with pytest.raises(OpsdeskError, match="high, medium or low"):
        check_action(Action(9, "x", "A", PROJECT, priority="urgent"))  # type: ignore[arg-type]
    with pytest.raises(OpsdeskError, match="comes from a project, incident review"):
        check_action(Action(9, "x", "A", Source("email")))  # type: ignore[arg-type]
    check_action(ACTIONS[0])


def test_person_key_is_what_same_person_compares() -> None:
    from opsdesk.core.improve.actions import person_key, same_person

    assert person_key("  Maria   KELLER ") == "maria keller"
    assert same_person("Maria Keller", "maria  keller")
    assert not same_person("Maria Keller", "Mario Keller")
