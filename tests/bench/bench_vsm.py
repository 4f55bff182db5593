"""Value-stream metrics, next to their floor measured in the same run.

Every metric of a 200-step value stream (an inventory before each step), against a
plain Python loop over the same numbers computing the same figures: daily demand and
takt, each inventory's days, lead and processing time, PCE, capacity and utilisation of
each step, the constraint, operators needed and rolled yield. Goal: ratio <= 3.

Linked-KPI refresh: the demo's claim-handling map read again as its page, the command
line and the PDF read it (``stream_view``: the stored map, its KPI-fed values judged as
the scorecard judges them, its metrics and its drawn map). Goal: under 50 ms. Floor: the
bare reads of the same rows (the map's rows with their JSON, the linked KPIs' stored
period aggregates unpacked with numpy), shown for scale.
"""

from __future__ import annotations

from typing import Any

from tests.bench.timing import median_seconds, ratio_line


def bench_metrics() -> list[str]:
    from opsdesk.core.maps.vsm_metrics import compute
    from opsdesk.core.maps.vsm_model import Demand, Element, Inventory, Process, ValueStream

    n = 200
    demand = Demand(18_400, "month", 20, shifts=2, shift_length_s=28_800, breaks_s=1_200)
    flow: list[Element] = []
    for i in range(n):
        flow.append(Inventory(quantity=100.0 + (i * 13) % 900))
        flow.append(Process(f"Step {i}", 30.0 + (i * 7) % 31, 600.0, 0.8 + (i % 5) * 0.05, 1,
                            fpy=0.99 - (i % 3) * 0.005))
    stream = ValueStream("bench", demand=demand, flow=tuple(flow))

    def floor() -> object:
        # The same figures from the same objects, in one loop with nothing checked; each
        # step, inventory and yamazumi bar a record (a dict) as a plain loop would make.
        avail_shift = 28_800 - 1_200
        daily = 18_400 / 20
        takt = avail_shift * 2 / daily
        steps: list[dict[str, Any]] = []
        inventories: list[dict[str, Any]] = []
        bars: list[dict[str, Any]] = []
        lead = processing = work = 0.0
        rolled = 1.0
        pending: list[tuple[str, float, float]] = []
        for e in stream.flow:
            if isinstance(e, Inventory):
                q = e.quantity or 0.0
                pending.append((e.name, q, q / daily))
                lead += q / daily
            elif isinstance(e, Process):
                ct = e.cycle_time_s or 1.0
                for name, q, d in pending:
                    inventories.append({"name": name, "before": e.name, "quantity": q,
                                        "days": d})
                pending.clear()
                capacity = avail_shift * e.uptime / ct
                steps.append({"name": e.name, "cycle_time_s": ct,
                              "changeover_s": e.changeover_s, "uptime": e.uptime,
                              "capacity_per_shift": capacity,
                              "utilisation": daily / 2 / capacity})
                bars.append({"name": e.name, "work_s": ct, "operators": 1.0,
                             "per_operator_s": ct})
                processing += ct
                work += ct
                rolled *= e.fpy or 1.0
        worst = max(range(len(steps)), key=lambda i: steps[i]["utilisation"])
        steps[worst]["constraint"] = True
        pce = processing / (lead * 86_400)
        return lead, pce, worst, work / takt, rolled, steps, inventories, bars

    ours = median_seconds(lambda: compute(stream), repeat=51)
    bare = median_seconds(floor, repeat=51)
    return [ratio_line(f"metrics of a {n}-step value stream", ours, bare, goal=3.0)]


def bench_linked_refresh() -> list[str]:
    import sqlite3
    import tempfile
    from pathlib import Path

    from opsdesk.core.demo import write_demo
    from opsdesk.core.maps.vsm_store import find_stream
    from opsdesk.core.maps.vsm_view import stream_view

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "demo.opsdesk"
        write_demo(path)
        conn = sqlite3.connect(path)
        map_id = find_stream(conn, "Claim handling")
        view = stream_view(conn, map_id)
        kpis = sorted({v.kpi_id for vs in view.linked.links.values() for v in vs})

        def floor() -> object:
            import json

            import numpy as np

            nodes = [json.loads(d) for (d,) in conn.execute(
                "SELECT data FROM map_nodes WHERE map_id = ?", (map_id,))]
            head = json.loads(conn.execute("SELECT data FROM maps WHERE id = ?",
                                           (map_id,)).fetchone()[0])
            values = {}
            for kpi_id, counts, totals in conn.execute(
                    f"SELECT kpi_id, counts, totals FROM kpi_periods WHERE kpi_id IN "
                    f"({','.join('?' * len(kpis))})", kpis):
                mean = np.frombuffer(totals) / np.frombuffer(counts, dtype=np.int64)
                values[kpi_id] = float(mean[-2])
            return nodes, head, values

        ours = median_seconds(lambda: stream_view(conn, map_id), repeat=21)
        bare = median_seconds(floor, repeat=21)
        conn.close()
    line = ratio_line("linked-KPI refresh of the demo's claim-handling map", ours, bare)
    verdict = "met" if ours < 0.05 else "MISSED"
    return [line, f"under 50 ms: {verdict} ({ours * 1000:.1f} ms)"]


def run() -> list[str]:
    return bench_metrics() + bench_linked_refresh()
