"""KPI scorecard on 200 KPIs with five years of daily observations (365,200 rows).

opsdesk: ``compute_statuses`` — every KPI's period values, target in force, status,
change, trend and SPC signals (individuals chart + Nelson rules) as of one date.
Floor: the period aggregates the workspace keeps (``kpi_periods``) read in one SQL query,
and with numpy each KPI's period values by its aggregation, their centre line and their
mean moving range: the least a scorecard on kept sums has to do.
Shown beside it, the floor without kept sums: one SQL query aggregating the same periods
from the observations (per KPI and period key, the KPI's own frequency) and fetching them,
the grouping a scorecard that sums at every view has to do.
KPIs page: building the page and filling it (scorecard model, filters, alerts) on the
same workspace, offscreen, next to the same floor: from building the page until every read
it started (statuses, alerts) has landed on the GUI thread and the page is drawn.
Review frequencies: 50 KPIs each daily, weekly, monthly and quarterly.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.bench.timing import median_seconds, ratio_line

KPIS = 200
DAYS = 1826  # five years
AS_OF = date(2026, 11, 20)
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly")
AGGREGATIONS = ("mean", "sum", "last", "mean")

KEPT_SQL = ("SELECT k.aggregation, p.counts, p.totals, p.lasts FROM kpi_periods p"
            " JOIN kpis k ON k.id = p.kpi_id")

GROUPING_SQL = """
SELECT o.kpi_id,
       CASE k.frequency
            WHEN 'daily' THEN substr(o.ts, 1, 10)
            WHEN 'weekly' THEN (CAST(julianday(substr(o.ts, 1, 10)) + 0.5 AS INTEGER) / 7) * 7
            WHEN 'monthly' THEN substr(o.ts, 1, 7)
            ELSE substr(o.ts, 1, 4) || '-Q' || ((CAST(substr(o.ts, 6, 2) AS INTEGER) + 2) / 3)
       END AS period,
       avg(o.value)
FROM observations o JOIN kpis k ON k.id = o.kpi_id
WHERE o.ts < ?
GROUP BY o.kpi_id, period
"""


def build(path: Path) -> None:
    import numpy as np

    from opsdesk.core.workspace import Workspace

    rng = np.random.default_rng(11)
    first = AS_OF - timedelta(days=DAYS)
    days = [(first + timedelta(days=i)).isoformat() for i in range(DAYS)]
    with Workspace.open(path, create=True) as ws, ws.transaction() as conn:
        for i in range(KPIS):
            frequency = FREQUENCIES[i % 4]
            conn.execute(
                "INSERT INTO kpis (id, name, pillar, direction, frequency, aggregation,"
                " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, '', '')",
                (i + 1, f"KPI {i:03d}", ("process", "quality", "service", "cost")[i % 4],
                 ("higher", "lower")[i % 2], frequency, AGGREGATIONS[(i // 4) % 4]))
            conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target)"
                         " VALUES (?, '0001-01-01', 100), (?, '2025-01-01', 102)", (i + 1, i + 1))
            values = 100 + rng.normal(0, 5, DAYS)
            conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                             [(i + 1, d, float(v)) for d, v in zip(days, values, strict=True)])


def run() -> list[str]:
    from opsdesk.core.kpi.scorecard import compute_statuses
    from opsdesk.core.workspace import Workspace

    folder = Path(tempfile.mkdtemp(prefix="bench-kpi-"))
    try:
        path = folder / "kpis.opsdesk"
        build(path)
        lines: list[str] = []
        with Workspace.open(path) as ws:
            rows = ws.scalar("SELECT count(*) FROM observations")
            upper = (AS_OF + timedelta(days=1)).isoformat()

            def floor() -> object:
                return _kept_floor(ws.conn)

            def grouping() -> object:
                return ws.conn.execute(GROUPING_SQL, (upper,)).fetchall()

            def ours() -> object:
                return compute_statuses(ws.conn, AS_OF)

            statuses = compute_statuses(ws.conn, AS_OF)
            signalled = sum(1 for s in statuses if s.signals)
            lines.append(f"{KPIS} KPIs, {rows:,} observations, {len(grouping()):,} period "
                         f"values; {signalled} KPIs with a signal on their latest period")
            floor_s = median_seconds(floor)
            grouping_s = median_seconds(grouping, repeat=3)
            ours_s = median_seconds(ours)
            lines.append(ratio_line("scorecard (status + SPC signals)", ours_s, floor_s)
                         + f"; goal < 150 ms: {'met' if ours_s < 0.150 else 'MISSED'}")
            lines.append("  " + ratio_line("against summing the observations at each view "
                                           "(SQL GROUP BY, fetched)", ours_s, grouping_s, 3.0))
            page_s = _page_open(ws)
            lines.append(ratio_line("KPIs page open (build + fill)", page_s, floor_s)
                         + f"; goal < 300 ms: {'met' if page_s < 0.300 else 'MISSED'}")
        return lines
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _kept_floor(conn: Any) -> list[tuple[float, float]]:
    """Each KPI's centre line and mean moving range from the kept sums (numpy)."""
    import numpy as np

    out = []
    for aggregation, counts, totals, lasts in conn.execute(KEPT_SQL):
        total = np.frombuffer(totals, "<f8")
        values = (total if aggregation == "sum" else np.frombuffer(lasts, "<f8")
                  if aggregation == "last" else total / np.frombuffer(counts, "<i8"))
        done = values[:-1]  # the completed periods
        out.append((float(done.mean()), float(np.abs(np.diff(done)).mean())))
    return out


def _page_open(ws: object) -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from opsdesk.core.kpi.review_date import SETTING
    from opsdesk.ui.app_context import AppContext
    from opsdesk.ui.pages.kpis_page import KpisPage

    app = QApplication.instance() or QApplication([])
    ws.conn.execute(  # type: ignore[attr-defined]
        "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
        (SETTING, f'"{AS_OF.isoformat()}"'))
    ctx = AppContext(None)
    ctx.workspace = ws  # type: ignore[assignment]

    def open_page() -> None:
        page = KpisPage(ctx)
        page.resize(1400, 900)
        page.refresh(None)
        page.show()
        ctx.worker.wait_until_idle()  # the reads run in the pool, as in the app
        app.processEvents()
        assert page.model.rowCount() == KPIS, "the scorecard was not filled"
        page.close()
        page.deleteLater()

    return median_seconds(open_page, repeat=5)
