"""Methodologies as data, and the one state machine that moves a project through them."""

from __future__ import annotations

from datetime import datetime

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.methodology import (
    A3,
    DMAIC,
    DONE,
    KAIZEN,
    METHODOLOGIES,
    PDCA,
    methodology,
)
from opsdesk.core.improve.phase_moves import Refusal, Transition, move

AT = datetime(2026, 3, 2, 9, 30)


def test_the_phases_are_the_standard_ones() -> None:
    assert PDCA.phase_names == ("Plan", "Do", "Check", "Act")
    assert DMAIC.phase_names == ("Define", "Measure", "Analyze", "Improve", "Control")
    assert A3.phase_names == ("Background", "Current condition", "Goal", "Analysis",
                              "Countermeasures", "Plan", "Follow-up")
    assert KAIZEN.phase_names == ("Prepare", "Event", "Follow-up")
    assert set(METHODOLOGIES) == {"PDCA", "DMAIC", "A3", "Kaizen"}


def test_every_phase_has_a_gate_with_unique_item_ids() -> None:
    for method in METHODOLOGIES.values():
        for phase in method.phases:
            assert phase.gate, f"{method.name} {phase.name} has no gate"
            ids = [item.id for item in phase.gate]
            assert len(ids) == len(set(ids))
            assert all(item.text.endswith(".") for item in phase.gate)


def test_dmaic_tollgates_hold_the_classic_items() -> None:
    define = {i.id for i in DMAIC.phase("Define").gate}
    assert {"charter", "team", "sipoc"} <= define
    assert "msa" in {i.id for i in DMAIC.phase("Measure").gate}
    assert "proven" in {i.id for i in DMAIC.phase("Improve").gate}
    assert "control_plan" in {i.id for i in DMAIC.phase("Control").gate}


def test_lookup_forgives_case_and_names_the_choices() -> None:
    assert methodology(" dmaic ") is DMAIC
    assert DMAIC.phase("measure").name == "Measure"
    with pytest.raises(OpsdeskError, match="use one of PDCA, DMAIC, A3, Kaizen"):
        methodology("Agile")


def _all(method_name: str, phase: str) -> frozenset[str]:
    return frozenset(i.id for i in methodology(method_name).phase(phase).gate)


def test_forward_through_a_complete_gate_is_an_audited_transition() -> None:
    result = move(DMAIC, "Define", "Measure", _all("DMAIC", "Define"), by="Maria Keller", at=AT)
    assert isinstance(result, Transition)
    assert (result.from_phase, result.to_phase, result.direction) == ("Define", "Measure",
                                                                       "forward")
    assert result.gate == ("charter", "team", "voc", "sipoc", "plan")
    assert result.audit() == {
        "methodology": "DMAIC", "from": "Define", "to": "Measure", "direction": "forward",
        "at": "2026-03-02T09:30:00", "by": "Maria Keller", "reason": "",
        "gate": ["charter", "team", "voc", "sipoc", "plan"]}
    assert result.sentence() == "Maria Keller passed the Define gate: the project moved to Measure."


def test_an_incomplete_gate_is_refused_naming_what_is_open() -> None:
    ticked = _all("DMAIC", "Define") - {"sipoc", "plan"}
    result = move(DMAIC, "Define", "Measure", ticked, by="M", at=AT)
    assert result == Refusal(
        "The Define gate is not complete, 2 items still open: A high-level process map "
        "(SIPOC) is drawn; The project plan and milestones are agreed with the sponsor.")


def test_gates_are_passed_one_at_a_time() -> None:
    result = move(PDCA, "Plan", "Check", _all("PDCA", "Plan"), by="M", at=AT)
    assert isinstance(result, Refusal)
    assert result.sentence == ("Check is 2 phases ahead of Plan: a project passes one gate "
                               "at a time (next: Do).")


def test_passing_the_last_gate_makes_the_project_done() -> None:
    result = move(KAIZEN, "Follow-up", DONE, _all("Kaizen", "Follow-up"), by="M", at=AT)
    assert isinstance(result, Transition) and result.to_phase == "Done"
    assert move(KAIZEN, DONE, DONE, set(), by="M", at=AT) == Refusal(
        "The project is already done.")


def test_back_needs_a_reason_and_records_it() -> None:
    assert move(DMAIC, "Improve", "Analyze", set(), by="M", at=AT) == Refusal(
        "Moving the project back from Improve to Analyze needs a reason, for the record.")
    assert isinstance(move(DMAIC, "Improve", "Analyze", set(), by="M", at=AT, reason="  "),
                      Refusal)
    result = move(DMAIC, "Improve", "Measure", set(), by="Priya", at=AT,
                  reason="The  gage study  failed.")
    assert isinstance(result, Transition)
    assert (result.direction, result.reason, result.gate) == ("back", "The gage study failed.",
                                                             ())
    assert result.sentence() == ("Priya moved the project back from Improve to Measure: "
                                 "The gage study failed.")


def test_a_done_project_reopens_only_backwards() -> None:
    reopened = move(A3, DONE, "Follow-up", set(), by="M", at=AT, reason="Gain not held.")
    assert isinstance(reopened, Transition) and reopened.direction == "back"
    assert move(A3, "Done", "Background", set(), by="M", at=AT) == Refusal(
        "Moving the project back from Done to Background needs a reason, for the record.")


def test_unknown_and_same_phases_are_refused() -> None:
    result = move(PDCA, "Plan", "Study", set(), by="M", at=AT)
    assert isinstance(result, Refusal)
    assert result.sentence == "PDCA has no phase 'Study'; its phases are Plan, Do, Check, Act."
    assert move(PDCA, "do", "Do", set(), by="M", at=AT) == Refusal("The project is already in Do.")
