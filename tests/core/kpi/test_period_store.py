"""The period aggregates the workspace keeps stay the observations' sums, whatever writes
them: commands, imports, undo and redo, in the transaction that changes the observations.

The oracle is independent of opsdesk's code: periods from ``date.isocalendar`` and
(year, month) / (year, quarter) tuples, sums in exact rational arithmetic
(``fractions.Fraction``) rounded once to the nearest float (which ``math.fsum`` is
documented to return: the correctly rounded sum), the last value by time then by id.
"""

from __future__ import annotations

import tempfile
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.kpi import period_store
from opsdesk.core.kpi.aggregate import period_values
from opsdesk.core.kpi.commands import AddKpi, DeleteKpis, EditKpi
from opsdesk.core.kpi.definitions import load_kpis
from opsdesk.core.kpi.observations import AddObservations, DeleteObservations, EditObservation
from opsdesk.core.workspace import Workspace, audit_check
from opsdesk.core.workspace.commands import Batch
from opsdesk.core.workspace.row_commands import UpdateRow
from tests.core.kpi.helpers import make_kpi

DAY0 = date(2025, 1, 1)
FREQUENCIES = ("daily", "weekly", "monthly", "quarterly")


def oracle_key(day: date, frequency: str) -> tuple[int, ...]:
    if frequency == "daily":
        return (day.year, day.month, day.day)
    if frequency == "weekly":
        year, week, _ = day.isocalendar()
        return (year, week)
    if frequency == "monthly":
        return (day.year, day.month)
    return (day.year, (day.month - 1) // 3 + 1)


def oracle(ws: Workspace, kpi_id: int, frequency: str, aggregation: str, until: date
           ) -> tuple[list[tuple[int, ...]], list[float], str | None]:
    """(period keys, period values, the latest observation's time) up to ``until``."""
    groups: dict[tuple[int, ...], list[tuple[str, int, float]]] = {}
    for oid, ts, value in ws.conn.execute(
            "SELECT id, ts, value FROM observations WHERE kpi_id = ?", (kpi_id,)):
        day = date.fromisoformat(ts[:10])
        if day <= until:
            groups.setdefault(oracle_key(day, frequency), []).append((ts, oid, value))
    values = []
    for key in sorted(groups):
        rows = sorted(groups[key])  # by time, then by id
        total = float(sum((Fraction(v) for _, _, v in rows), Fraction(0)))
        values.append(total if aggregation == "sum" else rows[-1][2]
                      if aggregation == "last" else total / len(rows))
    newest = max((r for g in groups.values() for r in g), default=None)
    return sorted(groups), values, None if newest is None else newest[0]


def assert_exact(ws: Workspace, until: date) -> None:
    assert period_store.differences(ws.conn) == []
    kpis = load_kpis(ws.conn)
    got = period_values(ws.conn, kpis, until)
    for kpi in kpis:
        keys, values, newest = oracle(ws, kpi.id, kpi.frequency, kpi.aggregation, until)
        pv = got.get(kpi.id)
        if not keys:
            assert pv is None
            continue
        assert pv is not None
        assert [oracle_key(pv.start(i), kpi.frequency) for i in range(len(pv.keys))] == keys
        assert pv.values.tolist() == values  # exactly, not approximately
        assert pv.last_ts == newest


def _csv(folder: Path, name: str, march: float) -> Path:
    path = folder / name
    path.write_text("Month,OEE (%),Scrap\n2025-01-01,80,2\n2025-02-01,81.5,2.1\n"
                    f"2025-03-01,{march},2.2\n", encoding="utf-8")
    return path


# Values whose sums round: tenths, thirds, large and small magnitudes side by side.
VALUES = st.one_of(st.sampled_from([0.1, 0.2, 0.3, 1 / 3, 1e15, -1e15, 1e-9, 2.5, -0.0]),
                   st.floats(-1e6, 1e6, allow_nan=False), st.integers(-300, 300))
# Few days, so periods hold several values (and times tie: three of them at 08:00).
STAMPS = st.tuples(st.integers(0, 120), st.sampled_from(["", "T08:00", "T08:00", "T17:30"]))
STEPS = st.lists(st.tuples(
    st.sampled_from(["add kpi", "add data", "add data", "edit value", "move data", "drop data",
                     "frequency", "aggregation", "drop kpi", "import", "import update",
                     "undo", "redo"]),
    st.integers(0, 7), st.lists(st.tuples(STAMPS, VALUES), min_size=1, max_size=12)),
    min_size=1, max_size=14)


def _stamp(offset: int, time: str) -> str:
    return (DAY0 + timedelta(days=offset)).isoformat() + time


def _step(ws: Workspace, folder: Path, action: str, n: int,
          points: list[tuple[tuple[int, str], float]]) -> Any:
    kpis = [r[0] for r in ws.conn.execute("SELECT id FROM kpis ORDER BY id")]
    kpi = kpis[n % len(kpis)] if kpis else 1
    data = [r[0] for r in ws.conn.execute(
        "SELECT id FROM observations WHERE kpi_id = ? ORDER BY id", (kpi,))]
    (offset, time), value = points[0]
    if action == "add kpi":
        return AddKpi({"name": f"KPI {len(kpis)} {n}", "frequency": FREQUENCIES[n % 4],
                       "aggregation": ("sum", "mean", "last")[n % 3]})
    if action == "add data":
        return AddObservations(kpi, tuple({"ts": _stamp(o, t), "value": v}
                                          for (o, t), v in points))
    if action == "edit value" and data:
        return EditObservation(kpi, data[n % len(data)], {"value": value})
    if action == "move data" and data:  # to another period, maybe far away
        return EditObservation(kpi, data[n % len(data)], {"ts": _stamp(offset, time)})
    if action == "drop data" and data:
        return DeleteObservations(kpi, tuple(data[: n % 3 + 1]))
    if action == "frequency" and kpis:
        return EditKpi(kpi, {"frequency": FREQUENCIES[n % 4]})
    if action == "aggregation" and kpis:
        return EditKpi(kpi, {"aggregation": ("sum", "mean", "last")[n % 3]})
    if action == "drop kpi" and kpis:
        return DeleteKpis((kpi,))
    if action.startswith("import"):
        source = _csv(folder, f"{n}.csv", 79.0 + value % 7)
        return ImportObservations(plan.prepare(ws.conn, source, plan.Options()),
                                  update=action.endswith("update"))
    return None


@settings(max_examples=60, deadline=None)
@given(STEPS, st.sampled_from(FREQUENCIES), st.integers(0, 130))
def test_any_edits_imports_and_undos_keep_the_sums_exact(
        steps: list[tuple[str, int, list[Any]]], frequency: str, pinned: int) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "w.opsdesk", create=True) as ws:
        first = AddKpi({"name": "First", "frequency": frequency, "aggregation": "sum"})
        undo: list[Any] = [ws.execute(first).inverse]
        redo: list[Any] = []
        for action, n, points in steps:
            if action in ("undo", "redo"):
                stack, other = (undo, redo) if action == "undo" else (redo, undo)
                if stack:
                    other.append(ws.execute(stack.pop()).inverse)
                continue
            command = _step(ws, Path(folder), action, n, points)
            if command is None:
                continue
            try:
                undo.append(ws.execute(command).inverse)
            except OpsdeskError:
                continue  # refused (a value out of range): nothing changed
            redo.clear()
        assert_exact(ws, DAY0 + timedelta(days=200))  # after every observation
        # A review date pinned inside the data: its period is summed up to that day only.
        assert_exact(ws, DAY0 + timedelta(days=pinned))
        assert audit_check.verify(ws.conn) == []  # the seal is not disturbed


def test_an_edit_sums_only_the_periods_it_touched(workspace: Workspace,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    kpi = make_kpi(workspace, observations=tuple(
        ((DAY0 + timedelta(days=d)).isoformat(), float(d)) for d in range(365)))
    first = workspace.conn.execute("SELECT id FROM observations WHERE ts = '2025-05-02'"
                                   ).fetchone()[0]
    summed: list[tuple[Any, ...]] = []
    summarise = period_store.summarise
    monkeypatch.setattr(period_store, "summarise",
                        lambda *a: summed.append(a[1:]) or summarise(*a))
    workspace.execute(EditObservation(kpi, first, {"value": 7.5}))
    # May 2025 alone (monthly KPI), from its first day to the next month's.
    assert set(summed) == {(kpi, "monthly", "2025-05-01", "2025-06-01")}
    summed.clear()
    workspace.execute(EditObservation(kpi, first, {"ts": "2025-08-20"}))  # May to August
    assert set(summed) == {(kpi, "monthly", "2025-05-01", "2025-09-01")}
    assert period_store.differences(workspace.conn) == []


@pytest.mark.edited_outside
def test_a_change_past_opsdesk_is_found_and_rebuilt(workspace: Workspace) -> None:
    kpi = make_kpi(workspace, "Scrap", observations=(("2025-01-05", 2.0), ("2025-01-20", 4.0)))
    workspace.conn.execute("UPDATE observations SET value = 9 WHERE ts = '2025-01-20'")
    # kept: January's sum 6 over 2 observations; the observations now sum to 2 + 9 = 11.
    assert period_store.differences(workspace.conn) == [
        "Scrap: the period from 2025-01-01 has sum 6.0 kept, 11.0 observed"]
    assert workspace.execute(period_store.RebuildPeriods()).result == 1
    assert period_store.differences(workspace.conn) == []
    assert period_values(workspace.conn, load_kpis(workspace.conn, [kpi]),
                         date(2025, 2, 1))[kpi].values.tolist() == [5.5]  # (2 + 9) / 2


def test_values_opsdesk_does_not_sum_are_left_out(workspace: Workspace) -> None:
    # Another program's: text in the value column, a value past the range, a day that is
    # not one; only 3.0 on 2025-02-03 is summarised.
    kpi = make_kpi(workspace, frequency="daily")
    with workspace.transaction() as conn:
        conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                         [(kpi, "2025-02-03", 3.0), (kpi, "2025-02-03", "n/a"),
                          (kpi, "2025-02-04", 1.7e308), (kpi, "2025-02-30", 1.0)])
    pv = period_values(workspace.conn, load_kpis(workspace.conn, [kpi]), date(2025, 3, 1))
    assert pv[kpi].keys == [date(2025, 2, 3).toordinal()] and pv[kpi].values.tolist() == [3.0]
    assert period_store.differences(workspace.conn) == []


def test_a_deleted_kpi_takes_its_sums_along_and_undo_brings_them_back(
        workspace: Workspace) -> None:
    kpi = make_kpi(workspace, observations=(("2025-01-05", 2.0),))
    deleted = workspace.execute(DeleteKpis((kpi,)))
    assert workspace.conn.execute("SELECT count(*) FROM kpi_periods").fetchone()[0] == 0
    workspace.execute(deleted.inverse)
    assert list(period_store.read(workspace.conn)) == [kpi]
    assert period_store.differences(workspace.conn) == []


def test_a_write_after_the_alerts_summed_the_data_is_summed_at_the_commit(
        workspace: Workspace) -> None:
    # AddObservations raises alerts, which sums January first; the update after it, in
    # the same transaction and undo step, must still reach the kept sums.
    kpi = make_kpi(workspace, frequency="monthly", aggregation="sum")
    added = AddObservations(kpi, ({"ts": "2025-01-05", "value": 2.0},))
    workspace.execute(Batch("Add and correct", (added,)))
    (oid,) = workspace.conn.execute("SELECT id FROM observations").fetchone()
    workspace.execute(Batch("Add and correct", (
        AddObservations(kpi, ({"ts": "2025-01-06", "value": 3.0},)),
        UpdateRow("observations", oid, {"value": 20.0}))))
    assert period_store.differences(workspace.conn) == []
    kept = period_store.read(workspace.conn)[kpi]
    assert kept.totals.tolist() == [23.0]  # 20 + 3


def test_an_import_is_summed_once(workspace: Workspace, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    summed: list[Any] = []
    summarise = period_store.summarise
    monkeypatch.setattr(period_store, "summarise",
                        lambda *a, **k: summed.append(a[1]) or summarise(*a, **k))
    source = _csv(tmp_path, "a.csv", 79.0)
    workspace.execute(ImportObservations(plan.prepare(workspace.conn, source, plan.Options()),
                                         title="Import a.csv"))
    # Two KPIs (OEE, Scrap), each summed once: when the alerts judge them, not again at
    # the commit (nothing changed the observations in between).
    assert sorted(summed) == [1, 2]
    assert period_store.differences(workspace.conn) == []
