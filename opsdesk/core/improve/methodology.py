"""Improvement methodologies as data: their phases, and the gate checklist of each phase.

A project works through its methodology's phases in order; to leave a phase forward it
passes that phase's gate, whose checklist must be complete (``phase_moves.move``). The
item ids are stable keys: a project stores the ids it has ticked, per phase.

Sources of the phases and checklists:

- PDCA: Shewhart's cycle as Deming taught it (Plan, Do, Check, Act); the checklists follow
  the Model for Improvement (Langley et al., *The Improvement Guide*, 2nd ed. 2009, ch. 5):
  a plan with a prediction, a test on a small scale, results studied against the
  prediction, then adopt, adapt or abandon.
- DMAIC: Define, Measure, Analyze, Improve, Control, each closed by a tollgate review;
  the items follow the gate review checklists of George, Rowlands, Price and Maxey,
  *The Lean Six Sigma Pocket Toolbook* (2005), ch. 1.
- A3: the boxes of Toyota's A3 report as Shook lays them out (*Managing to Learn*, 2008):
  background, current condition, goal, analysis, countermeasures, plan, follow-up.
- Kaizen event: the three stages of a kaizen event (pre-event preparation, the event
  itself, the 30-day follow-up), as in Laraia, Moody and Hall, *The Kaizen Blitz* (1999).
"""

from __future__ import annotations

from dataclasses import dataclass

from opsdesk.core.errors import OpsdeskError

# The phase a project enters when it passes its methodology's last gate.
DONE = "Done"


@dataclass(frozen=True)
class GateItem:
    id: str    # stable key, stored with the project when ticked
    text: str  # what must be true to pass the gate


@dataclass(frozen=True)
class Phase:
    name: str
    purpose: str
    gate: tuple[GateItem, ...]  # the checklist to pass before leaving this phase


@dataclass(frozen=True)
class Methodology:
    name: str
    description: str
    phases: tuple[Phase, ...]

    @property
    def phase_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.phases)

    def phase(self, name: str) -> Phase:
        for phase in self.phases:
            if phase.name.casefold() == name.casefold():
                return phase
        raise OpsdeskError(f"{self.name} has no phase {name!r}; its phases are "
                           f"{', '.join(self.phase_names)}.")

    def index(self, name: str) -> int:
        """The phase's position (0-based); ``DONE`` comes after the last phase."""
        if name.casefold() == DONE.casefold():
            return len(self.phases)
        return self.phases.index(self.phase(name))

    def missing(self, phase: str, ticked: frozenset[str]) -> tuple[GateItem, ...]:
        """The gate items of ``phase`` not yet ticked."""
        return tuple(item for item in self.phase(phase).gate if item.id not in ticked)


def _items(*pairs: tuple[str, str]) -> tuple[GateItem, ...]:
    return tuple(GateItem(key, text) for key, text in pairs)


PDCA = Methodology("PDCA", "Plan, Do, Check, Act: a test of change, then learn from it.", (
    Phase("Plan", "State the problem and the change to test, and predict its effect.", _items(
        ("problem", "The problem is stated with data, and the KPI it shows in is linked."),
        ("cause", "The likely causes are analysed (fishbone or 5 whys)."),
        ("target", "The target is set: how much, by when."),
        ("plan", "The test is planned (who, what, where, when) with a prediction."),
    )),
    Phase("Do", "Carry out the test on a small scale and collect the data.", _items(
        ("tested", "The change was carried out as planned, or the deviations noted."),
        ("data", "Data on the KPI were collected during the test."),
    )),
    Phase("Check", "Compare the results with the prediction and the target.", _items(
        ("compared", "Results are compared with the prediction (before/after on the KPI)."),
        ("learned", "What was learned is written down."),
    )),
    Phase("Act", "Adopt, adapt or abandon the change.", _items(
        ("decided", "The change is adopted, adapted (next cycle) or abandoned."),
        ("standard", "An adopted change is standardised and the people trained."),
    )),
))

DMAIC = Methodology("DMAIC", "Define, Measure, Analyze, Improve, Control: the Six Sigma "
                    "project cycle, each phase closed by a tollgate review.", (
    Phase("Define", "Agree the problem, the goal, the scope and the team.", _items(
        ("charter", "The charter is complete: problem, goal, scope in and out, business case."),
        ("team", "Sponsor, champion, leader and members are named."),
        ("voc", "The customers and their critical-to-quality requirements are identified."),
        ("sipoc", "A high-level process map (SIPOC) is drawn."),
        ("plan", "The project plan and milestones are agreed with the sponsor."),
    )),
    Phase("Measure", "Map the process and measure where it stands.", _items(
        ("map", "The current-state process map (or value-stream map) is drawn."),
        ("y", "The output measure (Y) is defined and linked as a KPI with its baseline."),
        ("data_plan", "The data collection plan is carried out."),
        ("msa", "The measurement system is checked (gage R&R or attribute agreement)."),
        ("baseline", "Baseline performance and stability are shown (control chart)."),
    )),
    Phase("Analyze", "Find and verify the root causes.", _items(
        ("causes", "Potential causes are listed (fishbone, 5 whys)."),
        ("verified", "The root causes are verified with data."),
        ("quantified", "The effect of the root causes on Y is quantified."),
    )),
    Phase("Improve", "Choose, test and implement the solutions.", _items(
        ("solutions", "Solutions are generated, evaluated and selected."),
        ("risk", "The risks of the solution are assessed (FMEA)."),
        ("pilot", "The solution is piloted."),
        ("proven", "The before/after on the KPI shows a statistically clear improvement."),
        ("rollout", "The implementation plan is agreed."),
    )),
    Phase("Control", "Hold the gain and hand over.", _items(
        ("control_plan", "A control plan is in place, with the KPI on a control chart."),
        ("standard", "Procedures are standardised and the people trained."),
        ("handover", "The process owner has taken the process over."),
        ("benefits", "The benefits are validated (hard benefits with finance)."),
        ("lessons", "Lessons learned are shared."),
    )),
))

A3 = Methodology("A3", "Toyota's A3: the problem, its analysis and the plan on one page.", (
    Phase("Background", "Why this problem matters now.", _items(
        ("why", "Why the problem matters to the business is stated."),
    )),
    Phase("Current condition", "What is happening, with facts.", _items(
        ("facts", "The current condition is shown with data and a diagram."),
        ("gap", "The gap to the standard or the need is quantified."),
    )),
    Phase("Goal", "The target condition.", _items(
        ("target", "The goal is measurable and dated."),
    )),
    Phase("Analysis", "Why the problem happens.", _items(
        ("root_cause", "The root cause is found (5 whys or fishbone) and checked."),
    )),
    Phase("Countermeasures", "What will address the root causes.", _items(
        ("countermeasures", "Each countermeasure addresses a root cause."),
        ("agreed", "The countermeasures are agreed with those affected."),
    )),
    Phase("Plan", "Who does what by when.", _items(
        ("plan", "Every step has an owner and a due date."),
    )),
    Phase("Follow-up", "Did it work, and what next.", _items(
        ("checked", "The results are checked against the goal."),
        ("standard", "The standard is updated, or the next cycle planned."),
    )),
))

KAIZEN = Methodology("Kaizen", "A kaizen event: a few days' focused workshop on one "
                     "process, prepared beforehand and followed up for 30 days.", (
    Phase("Prepare", "Scope, team and data before the event.", _items(
        ("scope", "Scope, objectives and targets are agreed with the sponsor."),
        ("team", "The team is chosen and released for the event."),
        ("baseline", "Baseline data on the KPI are collected."),
    )),
    Phase("Event", "The workshop: see, improve, report out.", _items(
        ("current", "The current state is mapped and the waste identified."),
        ("future", "The future state is designed and the changes tried."),
        ("report_out", "Results are reported out, with a 30-day action list."),
    )),
    Phase("Follow-up", "Close the actions and hold the gain.", _items(
        ("actions", "The 30-day actions are closed."),
        ("results", "Results on the KPI are measured against the targets."),
        ("standard", "Standard work is updated."),
    )),
))

METHODOLOGIES: dict[str, Methodology] = {m.name: m for m in (PDCA, DMAIC, A3, KAIZEN)}


def methodology(name: str) -> Methodology:
    """The methodology called ``name`` (case forgiven), or one sentence saying which exist."""
    for key, value in METHODOLOGIES.items():
        if key.casefold() == name.strip().casefold():
            return value
    raise OpsdeskError(f"Unknown methodology {name!r}; use one of {', '.join(METHODOLOGIES)}.")
