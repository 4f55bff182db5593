"""Five whys: a chain from the problem to a root cause, each answer with its evidence.

Each step answers "why?" of the step before it (the first, of the problem). Five is a
habit, not a rule (Ohno, *Toyota Production System*, 1988): a chain stops when the
answer is a cause the team can act on, after one step or after seven. What makes it a
chain worth acting on is that every answer is backed by evidence; ``gaps`` says which
are not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from opsdesk.core.errors import OpsdeskError

MAX_STEPS = 9


@dataclass(frozen=True)
class Why:
    answer: str          # why the step before happened
    evidence: str = ""   # what shows it: data, a log, an observation


@dataclass(frozen=True)
class FiveWhys:
    problem: str
    steps: tuple[Why, ...] = ()
    cause_id: int | None = None  # the fishbone cause the chain ends in, when linked

    @property
    def root_cause(self) -> str:
        return self.steps[-1].answer if self.steps else ""

    def questions(self) -> list[tuple[str, Why]]:
        """Each step with the question it answers ("Why did ...?" of the step before)."""
        asked = [self.problem, *(s.answer for s in self.steps[:-1])]
        return [(f"Why: {q.rstrip('.')}?", step) for q, step in zip(asked, self.steps,
                                                                    strict=True)]

    def gaps(self) -> list[str]:
        """One sentence per step that has no evidence."""
        return [f"Why {n} ({step.answer!r}) has no evidence yet."
                for n, step in enumerate(self.steps, 1) if not step.evidence.strip()]


def ask(chain: FiveWhys, answer: str, evidence: str = "") -> FiveWhys:
    """The chain with one more step."""
    text = " ".join(answer.split())
    if not text:
        raise OpsdeskError("A why needs an answer.")
    if len(chain.steps) >= MAX_STEPS:
        raise OpsdeskError(f"A chain of {MAX_STEPS} whys is long enough: act on its last "
                           "answer, or split the problem.")
    return replace(chain, steps=(*chain.steps, Why(text, evidence.strip())))


def set_evidence(chain: FiveWhys, step: int, evidence: str) -> FiveWhys:
    """``evidence`` on step number ``step`` (1-based)."""
    if not 1 <= step <= len(chain.steps):
        raise OpsdeskError(f"The chain has {len(chain.steps)} whys; there is no why {step}.")
    steps = list(chain.steps)
    steps[step - 1] = replace(steps[step - 1], evidence=evidence.strip())
    return replace(chain, steps=tuple(steps))


def drop_last(chain: FiveWhys) -> FiveWhys:
    return replace(chain, steps=chain.steps[:-1])
