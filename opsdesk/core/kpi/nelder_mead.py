"""Bounded Nelder-Mead in a few variables on plain floats, step for step scipy's.

``scipy.optimize.minimize(f, x0, method="Nelder-Mead", bounds=...)`` (Gao & Han's
standard coefficients: reflection 1, expansion 2, contraction 0.5, shrink 0.5; scipy's
starting simplex, bound reflection and stopping tests) spends most of a small fit in
numpy calls on two- or three-element arrays and in its own bookkeeping. The Holt fits
run it once or twice per KPI trend chart, so this module does the same arithmetic, in
the same order, on Python floats: the same points are tried and the same minimum comes
out.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Point = tuple[float, ...]

NONZDELT = 0.05  # scipy: a non-zero start coordinate is moved by 5 % ...
ZDELT = 0.00025  # ... a zero one to 0.00025
INF = math.inf


class _Exhausted(Exception):
    pass


def minimize(f: Callable[..., float], x0: Sequence[float], lower: Sequence[float],
             upper: Sequence[float], xatol: float, fatol: float, max_calls: int = 400,
             max_iterations: int = 400, bounded: bool = False) -> tuple[Point, float]:
    """The point found and its value; coordinate k is kept in [lower[k], upper[k]].
    ``f`` takes the coordinates as separate arguments. ``bounded``: ``f`` also takes a
    keyword ``bound`` and may stop early with any value >= bound once its value is known
    to be >= bound (a sum of squares only grows). A trial point's exact value matters only
    below the value it is compared with, so the same points are tried and the same minimum
    comes out."""
    n = len(x0)
    lo, hi = tuple(float(v) for v in lower), tuple(float(v) for v in upper)
    calls = 0

    def clip(p: Sequence[float]) -> Point:  # as np.clip: maximum with lower, then minimum
        return tuple(min(max(v, lo[k]), hi[k]) for k, v in enumerate(p))

    def value(p: Point, bound: float = INF) -> float:
        nonlocal calls
        if calls >= max_calls:
            raise _Exhausted
        calls += 1
        return f(*p, bound=bound) if bounded else f(*p)

    start = clip(x0)
    sim: list[Point] = [start]
    for k in range(n):
        moved = list(start)
        moved[k] = (1 + NONZDELT) * moved[k] if moved[k] != 0 else ZDELT
        sim.append(tuple(moved))
    # Beyond the upper bound: reflected back inside, then clipped.
    sim = [clip([2 * hi[k] - v if v > hi[k] else v for k, v in enumerate(p)]) for p in sim]
    fsim = [float("inf")] * (n + 1)
    try:
        for k in range(n + 1):
            fsim[k] = value(sim[k])
    except _Exhausted:
        pass
    sim, fsim = _sorted(sim, fsim)
    iterations = 1
    while calls < max_calls and iterations < max_iterations:
        try:
            spread = max(abs(p[k] - sim[0][k]) for p in sim[1:] for k in range(n))
            if spread <= xatol and max(abs(fsim[0] - v) for v in fsim[1:]) <= fatol:
                break
            # numpy's add.reduce over the rows: summed in order, then divided
            xbar = []
            for k in range(n):
                total = sim[0][k]
                for p in sim[1:n]:
                    total += p[k]
                xbar.append(total / n)
            worst = sim[n]
            xr = clip([2 * xbar[k] - 1 * worst[k] for k in range(n)])
            fxr = value(xr, fsim[n])  # kept only if below the worst
            shrink = False
            if fxr < fsim[0]:
                xe = clip([3 * xbar[k] - 2 * worst[k] for k in range(n)])
                fxe = value(xe, fxr)  # kept only if below fxr
                sim[n], fsim[n] = (xe, fxe) if fxe < fxr else (xr, fxr)
            elif fxr < fsim[n - 1]:
                sim[n], fsim[n] = xr, fxr
            elif fxr < fsim[n]:
                xc = clip([1.5 * xbar[k] - 0.5 * worst[k] for k in range(n)])
                fxc = value(xc, math.nextafter(fxr, INF))  # kept only if <= fxr
                if fxc <= fxr:
                    sim[n], fsim[n] = xc, fxc
                else:
                    shrink = True
            else:
                xcc = clip([0.5 * xbar[k] + 0.5 * worst[k] for k in range(n)])
                fxcc = value(xcc, fsim[n])
                if fxcc < fsim[n]:
                    sim[n], fsim[n] = xcc, fxcc
                else:
                    shrink = True
            if shrink:
                best = sim[0]
                for j in range(1, n + 1):
                    sim[j] = clip([best[k] + 0.5 * (sim[j][k] - best[k]) for k in range(n)])
                    fsim[j] = value(sim[j])
            iterations += 1
        except _Exhausted:
            pass
        sim, fsim = _sorted(sim, fsim)
    return sim[0], min(fsim)


def _sorted(sim: list[Point], fsim: list[float]) -> tuple[list[Point], list[float]]:
    """Vertices by value, ties kept in order (numpy's argsort of so few values is stable)."""
    order = sorted(range(len(fsim)), key=fsim.__getitem__)
    return [sim[i] for i in order], [fsim[i] for i in order]
