"""Panels whose limits are percentiles of a fitted distribution (g and t charts).

Minitab's rare-event charts: the centre line is the 50th percentile, the limits the
Phi(-K) and Phi(K) percentiles (0.135 % and 99.865 % for K = 3, test 1's K). Test 1 is a
point beyond those limits; tests 2 to 4 (a run on one side of the centre line, a trend,
an alternation) are those of the attributes charts; Minitab words test 1 as on them.
The other tests need a symmetric sigma that a skewed distribution does not have, so
they are not applied.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from opsdesk.core.spc.model import PanelResult, Stage
from opsdesk.core.spc.panels import limit_panel, not_applied
from opsdesk.core.spc.rules import SPREAD_TESTS, RuleConfig

PERCENTILE_TESTS = SPREAD_TESTS  # 1-4, as Minitab's G and T charts


def tail_probabilities(rules: RuleConfig) -> tuple[float, float]:
    """The lower and upper limits' cumulative probabilities: Phi(-K), Phi(K)."""
    from scipy.stats import norm

    k = rules.requested().get(1, 3.0)
    return float(norm.cdf(-k)), float(norm.cdf(k))


def probability_panel(name: str, title: str, values: np.ndarray, center: np.ndarray,
                      ucl: np.ndarray, lcl: np.ndarray, rules: RuleConfig,
                      stages: Sequence[Stage], y_label: str) -> PanelResult:
    tests = rules.active(PERCENTILE_TESTS)
    patterns = [t for t in tests if t != 1]
    # tests 2-4 look at the centre line and the order of the points only
    panel = limit_panel(name, title, values, center, np.ones(len(values)), rules, patterns,
                        zones=False, y_label=y_label, stages=stages)
    failed = dict(panel.failed)
    if 1 in tests:
        failed[1] = (values > ucl) | (values < lcl)
    panel.tests = tests
    panel.failed = failed
    panel.ucl, panel.lcl = ucl, lcl
    panel.skipped = not_applied(rules, tests)
    return panel

