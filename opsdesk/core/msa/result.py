"""What a gage R&R study gives back: variance components and the figures built on them.

As Minitab and AIAG MSA (4th ed., 2010) report them: %contribution is each variance over
the total variance; study variation is 6 standard deviations; %study variation is each
standard deviation over the total one; %tolerance is the study variation over the
tolerance (USL - LSL); the number of distinct categories is sqrt(2) x sd(part) / sd(gage
R&R), truncated, and at least 1 (AIAG writes 1.41).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

STUDY_VAR = 6.0  # study variation: 6 standard deviations (99.73 % of a normal population)

COMPONENTS = ("repeatability", "reproducibility", "operator", "operator_x_part", "gage_rr",
              "part", "total")
COMPONENT_NAMES = {
    "repeatability": "Repeatability", "reproducibility": "Reproducibility",
    "operator": "Operator", "operator_x_part": "Operator × part", "gage_rr": "Total gage R&R",
    "part": "Part-to-part", "total": "Total variation",
}


@dataclass(frozen=True)
class AnovaRow:
    source: str
    df: int
    ss: float
    ms: float
    f: float | None = None
    p: float | None = None


@dataclass(frozen=True)
class Component:
    variance: float
    pct_contribution: float
    study_var: float
    pct_study_var: float
    pct_tolerance: float | None

    @property
    def sd(self) -> float:
        return math.sqrt(self.variance)

    def as_dict(self) -> dict[str, float | None]:
        return {"variance": self.variance, "pct_contribution": self.pct_contribution,
                "study_var": self.study_var, "pct_study_var": self.pct_study_var,
                "pct_tolerance": self.pct_tolerance}


@dataclass(frozen=True)
class GageResult:
    method: str                            # "anova", "xbar-r" or "nested"
    components: dict[str, Component | None]  # None: not estimated by this method
    ndc: int | None                        # None: the gage shows no variation at all
    interaction_p: float | None = None
    interaction_pooled: bool | None = None
    tolerance: float | None = None
    anova: tuple[tuple[AnovaRow, ...], ...] = ()  # the full table, then the one used
    notes: list[str] = field(default_factory=list)

    def component(self, name: str) -> Component:
        found = self.components[name]
        assert found is not None, name
        return found

    def as_dict(self) -> dict[str, Any]:
        """The ``opsdesk gage --json`` shape."""
        return {
            "method": self.method,
            "interaction_p": self.interaction_p,
            "interaction_pooled": self.interaction_pooled,
            "components": {k: (c.as_dict() if c is not None else None)
                           for k, c in self.components.items()},
            "ndc": self.ndc,
        }

    def verdict(self) -> str:
        """AIAG's guideline on %study variation of the gage, as one sentence."""
        pct = self.component("gage_rr").pct_study_var
        if pct < 10:
            word = "acceptable (under 10 %)"
        elif pct <= 30:
            word = ("acceptable or not depending on the application and the cost of the "
                    "gauge (10 % to 30 %)")
        else:
            word = "not acceptable: the gauge needs improvement (over 30 %)"
        if self.ndc is None:
            cats = "; the gauge repeated every reading exactly, so check its resolution"
        else:
            cats = (f"; it tells {self.ndc} distinct categories of parts apart"
                    + (" (AIAG asks for at least 5)" if self.ndc < 5 else ""))
        return (f"The measurement system takes {pct:.1f} % of the study variation, which is "
                f"{word}{cats}.")


def build(method: str, variances: dict[str, float | None], tolerance: float | None,
          **extra: Any) -> GageResult:
    """Components from their variances (negative estimates set to 0, as Minitab does)."""
    clean = {k: (max(v, 0.0) if v is not None else None) for k, v in variances.items()}
    total = clean["total"]
    assert total is not None
    if not total > 0:
        from opsdesk.core.errors import OpsdeskError

        raise OpsdeskError("The measurements have no spread, so the study has nothing to "
                           "divide.")
    sd_total = math.sqrt(total)
    comps: dict[str, Component | None] = {}
    for name in COMPONENTS:
        var = clean.get(name)
        if var is None:
            comps[name] = None
            continue
        sv = STUDY_VAR * math.sqrt(var)
        comps[name] = Component(var, 100 * var / total, sv, 100 * math.sqrt(var) / sd_total,
                                100 * sv / tolerance if tolerance else None)
    grr, part = clean["gage_rr"], clean["part"]
    assert grr is not None and part is not None
    ndc = None if grr == 0 else max(1, int(math.sqrt(2) * math.sqrt(part) / math.sqrt(grr)))
    return GageResult(method, comps, ndc, tolerance=tolerance, **extra)
