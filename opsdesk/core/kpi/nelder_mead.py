"""Bounded Nelder-Mead in two variables on plain floats, step for step scipy's.

``scipy.optimize.minimize(f, x0, method="Nelder-Mead", bounds=[(lo, hi), (lo, hi)])``
(Gao & Han's standard coefficients: reflection 1, expansion 2, contraction 0.5, shrink
0.5; scipy's starting simplex, bound reflection and stopping tests) spends most of a
small fit in numpy calls on two-element arrays and in its own bookkeeping. The Holt fit
runs it once per KPI trend chart, so this module does the same arithmetic, in the same
order, on Python floats: the same points are tried and the same minimum comes out.
"""

from __future__ import annotations

from collections.abc import Callable

Point = tuple[float, float]

NONZDELT = 0.05  # scipy: a non-zero start coordinate is moved by 5 % ...
ZDELT = 0.00025  # ... a zero one to 0.00025


class _Exhausted(Exception):
    pass


def minimize_2d(f: Callable[[float, float], float], x0: Point, lower: float, upper: float,
                xatol: float, fatol: float, max_calls: int = 400,
                max_iterations: int = 400) -> tuple[Point, float]:
    """The point found and its value; every coordinate is kept in [lower, upper]."""
    calls = 0

    def clip(v: float) -> float:  # as np.clip: maximum with lower, then minimum with upper
        return min(max(v, lower), upper)

    def value(p: Point) -> float:
        nonlocal calls
        if calls >= max_calls:
            raise _Exhausted
        calls += 1
        return f(p[0], p[1])

    start = (clip(x0[0]), clip(x0[1]))
    sim: list[Point] = [start]
    for k in range(2):
        moved = list(start)
        moved[k] = (1 + NONZDELT) * moved[k] if moved[k] != 0 else ZDELT
        sim.append((moved[0], moved[1]))
    # Beyond the upper bound: reflected back inside, then clipped.
    sim = [(clip(2 * upper - a if a > upper else a), clip(2 * upper - b if b > upper else b))
           for a, b in sim]
    fsim = [float("inf")] * 3
    try:
        for k in range(3):
            fsim[k] = value(sim[k])
    except _Exhausted:
        pass
    sim, fsim = _sorted(sim, fsim)
    iterations = 1
    while calls < max_calls and iterations < max_iterations:
        try:
            spread = max(abs(sim[1][0] - sim[0][0]), abs(sim[1][1] - sim[0][1]),
                         abs(sim[2][0] - sim[0][0]), abs(sim[2][1] - sim[0][1]))
            if spread <= xatol and max(abs(fsim[0] - fsim[1]), abs(fsim[0] - fsim[2])) <= fatol:
                break
            xbar = ((sim[0][0] + sim[1][0]) / 2, (sim[0][1] + sim[1][1]) / 2)
            worst = sim[2]
            xr = (clip(2 * xbar[0] - 1 * worst[0]), clip(2 * xbar[1] - 1 * worst[1]))
            fxr = value(xr)
            shrink = False
            if fxr < fsim[0]:
                xe = (clip(3 * xbar[0] - 2 * worst[0]), clip(3 * xbar[1] - 2 * worst[1]))
                fxe = value(xe)
                sim[2], fsim[2] = (xe, fxe) if fxe < fxr else (xr, fxr)
            elif fxr < fsim[1]:
                sim[2], fsim[2] = xr, fxr
            elif fxr < fsim[2]:
                xc = (clip(1.5 * xbar[0] - 0.5 * worst[0]), clip(1.5 * xbar[1] - 0.5 * worst[1]))
                fxc = value(xc)
                if fxc <= fxr:
                    sim[2], fsim[2] = xc, fxc
                else:
                    shrink = True
            else:
                xcc = (clip(0.5 * xbar[0] + 0.5 * worst[0]), clip(0.5 * xbar[1] + 0.5 * worst[1]))
                fxcc = value(xcc)
                if fxcc < fsim[2]:
                    sim[2], fsim[2] = xcc, fxcc
                else:
                    shrink = True
            if shrink:
                best = sim[0]
                for j in (1, 2):
                    sim[j] = (clip(best[0] + 0.5 * (sim[j][0] - best[0])),
                              clip(best[1] + 0.5 * (sim[j][1] - best[1])))
                    fsim[j] = value(sim[j])
            iterations += 1
        except _Exhausted:
            pass
        sim, fsim = _sorted(sim, fsim)
    return sim[0], min(fsim)


def _sorted(sim: list[Point], fsim: list[float]) -> tuple[list[Point], list[float]]:
    """Vertices by value, ties kept in order (numpy's argsort of three values is stable)."""
    order = sorted(range(3), key=fsim.__getitem__)
    return [sim[i] for i in order], [fsim[i] for i in order]
