"""Demo saved control charts: one for each thing the Control charts page can show.

X-bar/R with a baseline, an excluded subgroup and a note; X-bar/S in two stages; EWMA and
CUSUM catching the small tool-wear shift; p (with the bad lot excluded) and Laney p';
u with varying inspection units; c with the AIAG rules; I-MR in stages around the new
line (Montgomery rules); I-MR against a typed-in historical mean and sigma, with test 2's
K edited to 7; a run chart.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import numpy as np


def _labels(conn: sqlite3.Connection, kpi_id: int, grouped: bool) -> list[str]:
    column = "subgroup" if grouped else "ts"
    rows = conn.execute(f"SELECT DISTINCT {column} FROM observations WHERE kpi_id = ?"
                        f" ORDER BY ts", (kpi_id,)).fetchall()
    return [str(r[0]) for r in rows]


def seed(conn: sqlite3.Connection, rng: np.random.Generator, ctx: dict[str, Any]) -> None:
    ids: dict[str, int] = ctx["kpi_ids"]
    stamp = ctx["now"]
    charts: list[dict[str, Any]] = []

    def chart(name: str, kpi: str, chart_type: str, rule_set: str = "nelson", **extra: Any
              ) -> None:
        if kpi in ids:
            charts.append({"name": name, "kpi_id": ids[kpi], "chart_type": chart_type,
                           "rule_set": rule_set, **extra})

    shaft = _labels(conn, ids["Shaft diameter"], grouped=True) if "Shaft diameter" in ids else []
    if shaft:
        base = json.dumps(shaft[:30])
        chart("Shaft diameter: X̄-R", "Shaft diameter", "xbar-r", baseline=base,
              exclusions=[(shaft[11], "CMM probe recalibrated mid-shift")],
              notes=[(shaft[48], "Tool wear: insert change overdue")])
        chart("Shaft diameter: X̄-S by stage", "Shaft diameter", "xbar-s",
              stages=json.dumps([{"label": "Stable", "starts_at": shaft[0]},
                                 {"label": "Tool wear", "starts_at": shaft[48]}]))
        chart("Shaft diameter: EWMA", "Shaft diameter", "ewma", baseline=base,
              params=json.dumps({"lambda": 0.2, "L": 3}))
        chart("Shaft diameter: CUSUM", "Shaft diameter", "cusum", baseline=base,
              params=json.dumps({"k": 0.5, "h": 4}))
    if "Defective units" in ids:
        lots = _labels(conn, ids["Defective units"], grouped=False)
        chart("Defective units: p chart", "Defective units", "p",
              exclusions=[(lots[41], "Bad raw-material lot; supplier notified")])
        chart("Defective units: Laney p′", "Defective units", "laney-p")
    chart("Board defects: u chart", "Board defects", "u", "we")
    chart("Customer complaints: c chart", "Customer complaints", "c", "aiag")
    if "OEE" in ids:
        weeks = _labels(conn, ids["OEE"], grouped=False)
        start = next((w for w in weeks if w >= "2026-03-02"), None)
        if start:
            chart("OEE: I-MR around the new line", "OEE", "i-mr", "montgomery",
                  stages=json.dumps([{"label": "Old line", "starts_at": weeks[0]},
                                     {"label": "New line", "starts_at": start}]))
    if "Throughput" in ids:
        chart("Throughput: I-MR vs. historical", "Throughput", "i-mr", "we",
              tests=json.dumps([1, 2, 5, 6]),
              params=json.dumps({"mu": 390.0, "sigma": 25.0, "test_k": {"2": 7}}))
    chart("Inference latency p95: run chart", "Inference latency p95", "run")

    for order, c in enumerate(charts):
        exclusions = c.pop("exclusions", [])
        notes = c.pop("notes", [])
        row = {"tests": "[]", "params": "{}", "baseline": "[]", "stages": "[]",
               "sort_order": order, "created_at": stamp, "updated_at": stamp, **c}
        cursor = conn.execute(
            f"INSERT INTO charts ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()))
        chart_id = int(cursor.lastrowid or 0)
        conn.executemany(
            "INSERT INTO chart_exclusions (chart_id, point_label, reason, created_at)"
            " VALUES (?, ?, ?, ?)", [(chart_id, label, why, stamp) for label, why in exclusions])
        conn.executemany(
            "INSERT INTO annotations (kpi_id, chart_id, point_label, text, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [(c["kpi_id"], chart_id, label, text, stamp) for label, text in notes])
    ctx["chart_ids"] = [r[0] for r in conn.execute("SELECT id FROM charts ORDER BY id")]
