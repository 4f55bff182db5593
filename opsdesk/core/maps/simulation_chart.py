"""A simulation's lead times as a ``ChartSpec``: the histogram with P50, P85 and P95."""

from __future__ import annotations

from itertools import pairwise

from opsdesk.core.charts.spec import Axis, Bar, ChartSpec, Panel, RefLine, Role
from opsdesk.core.maps.simulation import Simulation
from opsdesk.core.maps.units import unit_name

PERCENTILES: tuple[tuple[int, Role], ...] = ((50, "center"), (85, "warning"), (95, "bad"))


def simulation_chart(sim: Simulation, title: str = "Simulated lead time") -> ChartSpec:
    edges, counts = sim.histogram()
    unit = unit_name(sim.time_unit)
    bars: tuple[Bar, ...] = ()
    if counts:
        width = edges[1] - edges[0]
        centres = [(a + b) / 2 for a, b in pairwise(edges)]
        bars = (Bar("Cases", centres, [float(c) for c in counts], width=width * 0.95),)
    refs = []
    for q, role in PERCENTILES:
        at = sim.percentile(q)
        if at is not None:
            refs.append(RefLine(f"P{q} = {at:,.4g}", at_x=at, role=role, style="dash"))
    panel = Panel("", Axis(f"Lead time ({unit})"), Axis("Cases"), (), bars, tuple(refs))
    note = f"{sim.cases:,} cases, seed {sim.seed}"
    if sim.endless:
        note += f"; {sim.endless:,} still looping, left out"
    return ChartSpec(title, (panel,), note)
