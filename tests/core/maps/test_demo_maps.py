"""The demo's process maps: the three the issue names, with their lanes, rework loops and
steps whose times come from demo KPIs."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsdesk.core.maps.analysis import analyse
from opsdesk.core.maps.linked_times import with_kpi_times
from opsdesk.core.maps.simulation import simulate
from opsdesk.core.maps.store import find_map, list_maps, load_map
from opsdesk.core.workspace import Workspace


def test_demo_has_the_three_maps_with_their_lanes(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        names = [m.name for m in list_maps(ws.conn)]
        assert names == ["AI incident response", "ML model release", "Order to cash"]
        lanes = {n: [x.name for x in sorted(load_map(ws.conn, find_map(ws.conn, n)).lanes,
                                            key=lambda x: x.position)] for n in names}
    assert lanes["Order to cash"] == ["Sales", "Credit", "Warehouse", "Billing"]
    assert lanes["ML model release"] == ["Data science", "ML engineering", "Platform", "Risk"]


def test_order_to_cash_reworks_the_credit_check(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        pmap = load_map(ws.conn, find_map(ws.conn, "Order to cash"))
    a = analyse(pmap)
    names = {n.id: n.label for n in pmap.nodes}
    [loop] = a.loops
    assert [names[s] for s in loop.steps] == ["Check credit", "Credit OK?", "Fix credit data"]
    # 15 % of orders fail the check: 1 / (1 - 0.15) passes.
    assert loop.expected_passes == pytest.approx(1 / 0.85)
    # Between lanes: Enter order -> Check credit, Credit OK? -> Pick and pack, Credit OK? ->
    # Fix credit data, Fix credit data -> Check credit, Ship order -> Create invoice.
    assert len(a.handoffs) == 5


def test_linked_step_times_are_the_kpis_newest_period_values(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        linked = {}
        for summary in list_maps(ws.conn):
            pmap = with_kpi_times(ws.conn, load_map(ws.conn, summary.id))
            linked |= {n.label: (n.step.kpi_id, n.step.processing) for n in pmap.nodes
                       if n.step.kpi_id is not None}
        assert set(linked) == {"Enter order", "Train and tune model", "Mitigate and restore"}
        for label, (kpi_id, duration) in linked.items():
            # Independently: the mean of the newest month's observations (each of these
            # KPIs is monthly and averaged), read straight from the table.
            month = ws.scalar("SELECT substr(max(ts), 1, 7) FROM observations WHERE kpi_id = ?",
                              (kpi_id,))
            mean = ws.scalar("SELECT avg(value) FROM observations WHERE kpi_id = ? AND "
                             "substr(ts, 1, 7) = ?", (kpi_id, month))
            unit = ws.scalar("SELECT unit FROM kpis WHERE id = ?", (kpi_id,))
            assert duration is not None and duration.value == pytest.approx(mean), label
            assert {"min": "min", "days": "d", "h": "h"}[unit] == duration.unit


def test_demo_maps_simulate_without_endless_cases(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        maps = [load_map(ws.conn, m.id) for m in list_maps(ws.conn)]
    for pmap in maps:
        sim = simulate(pmap, 2_000, seed=1)
        assert sim.endless == 0 and sim.percentile(50) is not None


def test_demo_maps_name_their_suppliers_and_customers(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        pmap = load_map(ws.conn, find_map(ws.conn, "Order to cash"))
    s = analyse(pmap).sipoc
    # The Customer pool sends the purchase order and the payment and gets goods and the
    # invoice; the credit check reads the credit report.
    assert (s.suppliers, s.customers) == (("Customer",), ("Customer",))
    assert set(s.inputs) == {"Purchase order", "Payment", "Credit report"}
    assert set(s.outputs) == {"Goods", "Invoice", "Cash received"}
