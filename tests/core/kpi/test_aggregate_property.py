"""Period values from SQL agree with a naive Python grouping (an independent oracle:
``date.isocalendar`` for weeks, (year, month) and (year, quarter) tuples)."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.kpi.aggregate import period_values
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.workspace import migrations

DAY0 = date(2020, 12, 20)


def oracle_key(day: date, frequency: str) -> tuple[int, ...]:
    if frequency == "daily":
        return (day.year, day.month, day.day)
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return (year, week)
    if frequency == "monthly":
        return (day.year, day.month)
    return (day.year, (day.month - 1) // 3 + 1)


@settings(max_examples=60, deadline=None)
@given(
    frequency=st.sampled_from(["daily", "weekly", "monthly", "quarterly"]),
    aggregation=st.sampled_from(["sum", "mean", "last"]),
    points=st.lists(st.tuples(st.integers(0, 800), st.integers(0, 23),
                              st.integers(-1000, 1000)), min_size=1, max_size=60),
)
def test_sql_grouping_matches_python(frequency: str, aggregation: str,
                                     points: list[tuple[int, int, int]]) -> None:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    migrations.create_latest(conn)
    conn.execute("INSERT INTO kpis (id, name, frequency, aggregation, created_at, updated_at)"
                 " VALUES (1, 'K', ?, ?, '', '')", (frequency, aggregation))
    rows = []
    for offset, hour, value in points:
        day = DAY0 + timedelta(days=offset)
        rows.append((f"{day.isoformat()}T{hour:02d}:00:00", float(value), day))
    # Distinct timestamps keep "last" well defined.
    unique = {ts: (v, d) for ts, v, d in rows}
    conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (1, ?, ?)",
                     [(ts, v) for ts, (v, _) in unique.items()])
    groups: dict[tuple[int, ...], list[tuple[str, float]]] = {}
    for ts, (value, day) in sorted(unique.items()):
        groups.setdefault(oracle_key(day, frequency), []).append((ts, value))
    expected = []
    for key in sorted(groups):
        values = [v for _, v in groups[key]]
        expected.append(sum(values) if aggregation == "sum" else values[-1]
                        if aggregation == "last" else sum(values) / len(values))
    pv = period_values(conn, load_kpis(conn), DAY0 + timedelta(days=900))[1]
    assert [oracle_key(pv.start(i), frequency) for i in range(len(pv.keys))] == sorted(groups)
    assert pv.values.tolist() == pytest.approx(expected, rel=1e-12, abs=1e-9)
