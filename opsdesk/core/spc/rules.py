"""Run rules (tests for special causes), vectorised with numpy.

Tests are numbered as Minitab numbers them; each has an editable K:

1. 1 point more than K sigma from the centre line (K = 3)
2. K points in a row on the same side of the centre line (K = 9)
3. K points in a row, all increasing or all decreasing (K = 6)
4. K points in a row, alternating up and down (K = 14)
5. K out of K+1 points more than 2 sigma from the centre line, same side (K = 2)
6. K out of K+1 points more than 1 sigma from the centre line, same side (K = 4)
7. K points in a row within 1 sigma of the centre line, either side (K = 15)
8. K points in a row more than 1 sigma from the centre line, either side (K = 8)

Conventions: "more than" is strict and "within" inclusive; a point on the centre line
breaks a one-side run; equal neighbours break a trend or an alternation; a run rule marks
every point from the K-th point of the run on; a K-of-(K+1) window rule marks the last
point of the window when that point is itself beyond the zone line on the same side
(windows at the start of the series are shorter); every test a point fails is reported.
Missing values (NaN) are skipped: the points around them are treated as neighbours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc.rule_engine import evaluate, run_at_least, signal_list

DEFAULT_K: dict[int, float] = {1: 3, 2: 9, 3: 6, 4: 14, 5: 2, 6: 4, 7: 15, 8: 8}

DESCRIPTIONS: dict[int, str] = {
    1: "1 point more than {K}σ from the centre line",
    2: "{K} points in a row on the same side of the centre line",
    3: "{K} points in a row, all increasing or all decreasing",
    4: "{K} points in a row, alternating up and down",
    5: "{K} out of {K1} points more than 2σ from the centre line (same side)",
    6: "{K} out of {K1} points more than 1σ from the centre line (same side)",
    7: "{K} points in a row within 1σ of the centre line (either side)",
    8: "{K} points in a row more than 1σ from the centre line (either side)",
}

# Rule sets as Minitab-numbered tests with their K. Signals are always reported in the
# Minitab numbering, whatever the set.
RULE_SETS: dict[str, dict[int, float]] = {
    "none": {},
    # Western Electric Handbook (1956): beyond 3 sigma; 2 of 3 beyond 2 sigma; 4 of 5
    # beyond 1 sigma; 8 in a row on one side.
    "we": {1: 3, 5: 2, 6: 4, 2: 8},
    # Nelson (1984), J. Quality Technology 16(4): the eight tests as Minitab applies them.
    "nelson": dict(DEFAULT_K),
    # AIAG SPC manual (2nd ed. 2005): beyond the limits, 7 in a row on one side,
    # 7 in a row rising or falling.
    "aiag": {1: 3, 2: 7, 3: 7},
    # Montgomery, ISQC, the Western Electric rules plus the sensitizing rules of his
    # Table 5.1: 6 in a trend, 15 in zone C, 14 alternating, 8 on both sides outside C.
    "montgomery": {1: 3, 5: 2, 6: 4, 2: 8, 3: 6, 7: 15, 4: 14, 8: 8},
}

SET_NAMES: dict[str, str] = {
    "none": "no run rules", "we": "Western Electric", "nelson": "Nelson",
    "aiag": "AIAG", "montgomery": "Montgomery",
}

# A run chart is judged by Anhøj's runs rules (run_chart.py), not by numbered tests.
ANHOJ = "anhoj"
# The rules a computed chart states it applied (a result's ``rule_set``).
RULES_APPLIED: dict[str, str] = {**SET_NAMES, ANHOJ: "Anhøj"}

# Which tests a panel of each kind can apply, and which of the default set it applies
# when the user has not asked for others (Minitab's defaults).
PATTERN_TESTS = frozenset(range(1, 9))   # X-bar, individuals and attributes charts
SPREAD_TESTS = frozenset({1, 2, 3, 4})   # R, S and MR charts; attributes charts' default
LIMIT_ONLY = frozenset({1})              # EWMA and CUSUM
DEFAULT_SET = "nelson"


@dataclass(frozen=True)
class RuleConfig:
    """The chosen rule set, the tests switched on and their K values."""

    rule_set: str = DEFAULT_SET
    tests: frozenset[int] | None = None  # None: all the tests of the set
    k: Mapping[int, float] = field(default_factory=dict)  # overrides of the set's K

    @property
    def explicit(self) -> bool:
        """The user asked for these tests: a set other than the default, or a test list."""
        return self.tests is not None or self.rule_set != DEFAULT_SET

    def requested(self) -> dict[int, float]:
        """The tests asked for, with their K, before any panel's restriction."""
        if self.rule_set not in RULE_SETS:
            raise OpsdeskError(
                f"Unknown rule set {self.rule_set!r}; use one of {', '.join(RULE_SETS)}."
            )
        base = dict(RULE_SETS[self.rule_set])
        if self.tests is not None:
            for t in self.tests:
                if t not in DEFAULT_K:
                    raise OpsdeskError(f"There is no test {t}; tests are numbered 1 to 8.")
                base.setdefault(t, DEFAULT_K[t])
            base = {t: v for t, v in base.items() if t in self.tests}
        for t, v in self.k.items():
            if t in base:
                base[t] = v
        return dict(sorted(base.items()))

    def active(self, allowed: Iterable[int] = PATTERN_TESTS,
               default: Iterable[int] | None = None) -> dict[int, float]:
        """The tests a panel that can apply ``allowed`` applies. ``default`` narrows the
        default set on that panel (attributes charts: tests 1-4), never an explicit
        request."""
        keep = set(allowed)
        if default is not None and not self.explicit:
            keep &= set(default)
        return {t: v for t, v in self.requested().items() if t in keep}


# The same, short enough for a chart's legend of the tests.
SHORT_DESCRIPTIONS: dict[int, str] = {
    1: "1 point beyond {K}σ", 2: "{K} in a row on one side", 3: "{K} in a row rising or falling",
    4: "{K} in a row alternating", 5: "{K} of {K1} beyond 2σ, one side",
    6: "{K} of {K1} beyond 1σ, one side", 7: "{K} in a row within 1σ",
    8: "{K} in a row beyond 1σ, either side",
}


def describe(test: int, k: float, short: bool = False) -> str:
    """"Test 1: 1 point more than 3σ from the centre line"; ``short``: "1 point beyond 3σ"."""
    ks = int(k) if float(k).is_integer() else k
    k1 = int(k) + 1 if float(k).is_integer() else k
    if short:
        return SHORT_DESCRIPTIONS[test].format(K=ks, K1=k1)
    return f"Test {test}: " + DESCRIPTIONS[test].format(K=ks, K1=k1)


__all__ = ["ANHOJ", "DEFAULT_K", "DEFAULT_SET", "DESCRIPTIONS", "RULES_APPLIED", "RULE_SETS",
           "RuleConfig", "describe", "evaluate", "run_at_least", "signal_list"]
