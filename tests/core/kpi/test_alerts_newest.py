"""Stale KPIs get their alert from the newest observation alone; the result is the one the
scorecard's full route gives, and numpy is not loaded for it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.kpi.aggregate import period_values
from opsdesk.core.kpi.alerts import candidates, raise_alerts
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.kpi.periods import key_of, start_of
from opsdesk.core.kpi.scorecard import kpi_status
from opsdesk.core.workspace import Workspace
from tests.core.kpi.helpers import make_kpi

# Data from Jan to Apr 2026; three timestamps share the newest time, with three values.
HISTORY = (
    ("2026-01-05", 10.0), ("2026-02-10", 12.0), ("2026-03-03", 11.0),
    ("2026-04-20T08:00", 13.0), ("2026-04-20T08:00", 17.0), ("2026-04-20T08:00", 15.0),
)


def _full_route(conn: Any, kpi_id: int, as_of: date) -> list[tuple[str, str, str]]:
    """What raise_alerts judged before the shortcut: the whole history, then candidates."""
    kpi = load_kpis(conn, [kpi_id])[0]
    pv = period_values(conn, [kpi], as_of).get(kpi.id)
    status = kpi_status(kpi, pv, as_of)
    current = key_of(start_of(as_of, kpi.frequency))
    done = [] if pv is None else [v for k, v in zip(pv.keys, pv.values, strict=True)
                                  if k < current]
    return candidates(status, done, as_of)


@pytest.mark.parametrize("frequency", ["daily", "weekly", "monthly", "quarterly"])
@pytest.mark.parametrize("aggregation", ["sum", "mean", "last"])
def test_stale_shortcut_matches_the_full_route(workspace: Any, frequency: str,
                                               aggregation: str) -> None:
    kpi_id = make_kpi(workspace, "K", targets=({"target": 100},), observations=HISTORY,
                      frequency=frequency, aggregation=aggregation)
    # 2027-01-15: the newest data (April 2026) are more than two periods old at every
    # frequency (for quarters: Q2 2026 < Q3 2026 = two quarters before Q1 2027).
    as_of = date(2027, 1, 15)
    with workspace.transaction() as conn:
        expected = _full_route(conn, kpi_id, as_of)
        raise_alerts(conn, [kpi_id], as_of)
        got = [tuple(r) for r in conn.execute("SELECT kind, period, message FROM alerts")]
    assert [e[0] for e in expected] == ["stale"]
    assert got == expected
    assert "no data since 2026-04-20" in got[0][2]


def test_recent_data_still_take_the_full_route(workspace: Any) -> None:
    # Monthly, target 100 (red below 90): March's mean 11 is red as of 2026-04-21, and
    # April (in progress) has data, so the KPI is not stale.
    kpi_id = make_kpi(workspace, "K", targets=({"target": 100},), observations=HISTORY)
    with workspace.transaction() as conn:
        raise_alerts(conn, [kpi_id], date(2026, 4, 21))
    kinds = [r["kind"] for r in workspace.rows("SELECT kind, period FROM alerts")]
    assert kinds == ["red"]


def test_no_data_raises_nothing(workspace: Any) -> None:
    kpi_id = make_kpi(workspace, "K", targets=({"target": 100},))
    with workspace.transaction() as conn:
        assert raise_alerts(conn, [kpi_id], date(2026, 4, 21)) == []


def test_stale_alerts_do_not_load_numpy(tmp_path: Path) -> None:
    path = str(tmp_path / "stale.opsdesk")
    with Workspace.open(Path(path), create=True) as ws:
        make_kpi(ws, "K", observations=HISTORY)
    script = (
        "import sys, sqlite3\n"
        "from datetime import date\n"
        "from opsdesk.core.kpi.alerts import raise_alerts\n"
        f"conn = sqlite3.connect({path!r}, isolation_level=None)\n"
        "ids = raise_alerts(conn, [1], date(2027, 1, 15))\n"
        "assert len(ids) == 1, ids\n"
        "assert 'numpy' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True)
