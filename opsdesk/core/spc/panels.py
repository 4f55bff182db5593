"""Building a panel: limits from centre and sigma, then the run rules.

The tests restart at each stage, as in Minitab and qicharts2: a run, trend or window
never reaches across a stage boundary, where the limits (the process) changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from opsdesk.core.spc.model import PanelResult, Stage
from opsdesk.core.spc.rules import RuleConfig, evaluate


def limit_panel(
    name: str,
    title: str,
    values: np.ndarray,
    center: np.ndarray,
    sigma: np.ndarray,
    rules: RuleConfig,
    allowed: Iterable[int],
    *,
    default: Iterable[int] | None = None,
    width: float = 3.0,
    floor: float | np.ndarray | None = None,
    cap: float | np.ndarray | None = None,
    zones: bool = True,
    y_label: str = "",
    finite: bool = False,
    stages: Sequence[Stage] = (),
) -> PanelResult:
    """Limits at centre +/- ``width`` sigma (clipped to ``floor``/``cap``) and the tests.

    ``allowed`` and ``default``: the tests the panel can apply, and those it applies when
    the user has asked for none (``RuleConfig.active``). ``finite``: every value after the
    leading gaps is known to be finite (see evaluate). ``stages``: the chart's stages,
    each tested on its own.
    """
    ucl = _combine(center, sigma, width)
    lcl = _combine(center, sigma, -width)
    if floor is not None:
        lcl = _clip(lcl, floor, np.maximum)
    if cap is not None:
        ucl = _clip(ucl, cap, np.minimum)
    tests = rules.active(allowed, default)
    failed: Mapping[int, np.ndarray] = {}
    if tests and len(stages) > 1:
        failed = _by_stage(values, center, sigma, tests, stages, finite)
    elif tests:
        failed = evaluate(values, center, sigma, tests, finite=finite)
    return PanelResult(name, title, values, center, ucl, lcl, sigma, tests, failed,
                       zones=zones, y_label=y_label, skipped=not_applied(rules, tests))


def _by_stage(values: np.ndarray, center: np.ndarray, sigma: np.ndarray,
              tests: dict[int, float], stages: Sequence[Stage], finite: bool
              ) -> dict[int, np.ndarray]:
    """The tests run on each stage's points alone, their verdicts put end to end."""
    parts = [evaluate(values[s.start:s.stop], center[s.start:s.stop], sigma[s.start:s.stop],
                      tests, finite=finite) for s in stages]
    return {t: np.concatenate([part[t] for part in parts]) for t in tests}


def not_applied(rules: RuleConfig, tests: dict[int, float]) -> tuple[int, ...]:
    """The tests the user asked for that a panel does not apply (its notes say so)."""
    if not rules.explicit:
        return ()
    return tuple(t for t in rules.requested() if t not in tests)


def _combine(center: np.ndarray, sigma: np.ndarray, width: float) -> np.ndarray:
    """centre + width * sigma, staying a cheap broadcast view when both are constant."""
    if _constant(center) and _constant(sigma):
        return np.broadcast_to(np.float64(center[0] + width * sigma[0]), center.shape)
    return center + width * sigma


def _clip(a: np.ndarray, bound: float | np.ndarray, op: np.ufunc) -> np.ndarray:
    if _constant(a) and np.ndim(bound) == 0:
        return np.broadcast_to(op(a[0], bound), a.shape)
    return np.asarray(op(a, bound))


def _constant(a: np.ndarray) -> bool:
    return a.ndim == 1 and a.size > 0 and a.strides[0] == 0


def broadcast(value: float, n: int) -> np.ndarray:
    return np.broadcast_to(np.float64(value), (n,))
