"""The seal is kept incrementally (a keyed multiset hash) and stays exact: whatever the
commands and undos, a full recount equals the seal they left."""

from __future__ import annotations

import random
import struct
import tempfile
from array import array
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.kpi.commands import AddKpi, DeleteKpis, DeleteTarget, EditKpi, SetTarget
from opsdesk.core.kpi.observations import AddObservations, DeleteObservations, EditObservation
from opsdesk.core.workspace import Workspace, audit, audit_check, audit_seal
from opsdesk.core.workspace.audit_seal import (
    Digest,
    _cell,
    _column,
    _digest,
    _Keys,
    _mac,
)

KEY = bytes(range(32))


def test_a_cell_is_its_type_and_a_word() -> None:
    # The words by hand: integers as 64-bit two's complement, reals as their IEEE 754
    # bits (0.5 is 0x3FE0000000000000, 5.0 is 0x4014000000000000). Column affinity gives
    # each number one type as stored (5 into a REAL column is read back 5.0), so the
    # import converts as SQLite does before it hashes, and 5 and 5.0 stay apart here.
    assert _cell(5, KEY) == (1, 5)
    assert _cell(5.0, KEY) == (2, 0x4014000000000000)
    assert _cell(-1, KEY) == (1, 2**64 - 1)
    assert _cell(-0.0, KEY) == _cell(0.0, KEY) == (2, 0)  # SQLite reads -0.0 back as 0.0
    assert _cell(0.5, KEY) == (2, 0x3FE0000000000000)
    assert _cell(None, KEY) == _cell(float("nan"), KEY) == (0, 0)  # SQLite stores NaN as NULL
    text, blob = _cell("85", KEY), _cell(b"85", KEY)
    assert text[0] == 3 and blob[0] == 4 and text != _cell(85, KEY)


values = st.one_of(st.none(), st.integers(-(2**63), 2**63 - 1), st.floats(width=64),
                   st.text(max_size=5), st.binary(max_size=3))


@given(st.one_of(st.lists(values, min_size=1, max_size=30),
                 st.lists(st.floats(width=64) | st.none(), min_size=1, max_size=30),
                 st.lists(st.integers(-(2**63), 2**63 - 1), min_size=1, max_size=30)))
def test_a_column_at_once_is_each_of_its_cells(column: list[Any]) -> None:
    tags, words = _column(column, len(column), KEY)
    tags = [tags] * len(column) if isinstance(tags, int) else tags
    assert list(zip(tags, words, strict=True)) == [_cell(v, KEY)
                                                                     for v in column]


def test_the_row_function_is_aes_cbc_mac() -> None:
    """Column-wise chaining over all rows at once equals the library's own CBC (zero IV)
    over each row: the last ciphertext block is the CBC-MAC."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    rng = random.Random(1)
    rows = [[rng.getrandbits(64) for _ in range(6)] for _ in range(7)]
    lanes = _mac(KEY, [array("Q", [row[j] for row in rows]) for j in range(6)], 7)
    expected = [0, 0]
    for row in rows:
        cbc = Cipher(algorithms.AES(KEY), modes.CBC(bytes(16))).encryptor()
        last = (cbc.update(struct.pack("<6Q", *row)) + cbc.finalize())[-16:]
        for lane, word in enumerate(struct.unpack("<2Q", last)):
            expected[lane] = (expected[lane] + word) % 2**64
    assert list(lanes) == expected


def _csv(folder: Path, name: str, march: float) -> Path:
    path = folder / name
    path.write_text("Month,OEE (%),Scrap\n2025-01-01,80,2\n2025-02-01,81.5,2.1\n"
                    f"2025-03-01,{march},2.2\n", encoding="utf-8")
    return path


STEPS = st.lists(st.tuples(
    st.sampled_from(["add kpi", "edit kpi", "target", "drop target", "add data", "edit data",
                     "drop data", "drop kpi", "import", "import update", "undo", "redo"]),
    st.integers(0, 5), st.one_of(st.integers(-3, 300), st.floats(-1e6, 1e6))),
    min_size=1, max_size=12)


def _step(ws: Workspace, folder: Path, action: str, n: int, value: float) -> Any:
    kpis = [r[0] for r in ws.conn.execute("SELECT id FROM kpis ORDER BY id")]
    kpi = kpis[n % len(kpis)] if kpis else 1
    data = [r[0] for r in ws.conn.execute("SELECT id FROM observations ORDER BY id")]
    targets = [r[0] for r in ws.conn.execute("SELECT id FROM kpi_targets ORDER BY id")]
    if action == "add kpi":
        return AddKpi({"name": f"KPI {n} {len(kpis)}", "unit": "%", "baseline": value},
                      ({"effective_from": "2025-01-01", "target": 80},))
    if action == "edit kpi":
        return EditKpi(kpi, {"owner": f"owner {n}", "baseline": value})
    if action == "target":
        return SetTarget(kpi, {"effective_from": f"2025-0{n + 1}-01", "target": value})
    if action == "drop target" and targets:
        return DeleteTarget(targets[n % len(targets)])
    if action == "add data":
        return AddObservations(kpi, tuple({"ts": f"2025-0{n + 1}-0{i + 1}", "value": value + i}
                                          for i in range(n + 1)))
    if action == "edit data" and data:
        return EditObservation(kpi, data[n % len(data)], {"value": value})
    if action == "drop data" and data:
        return DeleteObservations(kpi, tuple(data[: n + 1]))
    if action == "drop kpi" and kpis:
        return DeleteKpis((kpi,))
    if action.startswith("import"):
        source = _csv(folder, f"{n}.csv", 79.0 + n)
        return ImportObservations(plan.prepare(ws.conn, source, plan.Options()),
                                  update=action.endswith("update"))
    return None


@settings(max_examples=30, deadline=None)
@given(STEPS)
def test_any_commands_and_undos_keep_the_seal_exact(steps: list[tuple[str, int, float]]) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "w.opsdesk", create=True) as ws:
        undo: list[Any] = [ws.execute(AddKpi({"name": "First"})).inverse]
        redo: list[Any] = []
        for action, n, value in steps:
            if action in ("undo", "redo"):
                stack, other = (undo, redo) if action == "undo" else (redo, undo)
                if stack:
                    other.append(ws.execute(stack.pop()).inverse)
                continue
            command = _step(ws, Path(folder), action, n, value)
            if command is None:
                continue
            try:
                undo.append(ws.execute(command).inverse)
            except OpsdeskError:
                continue  # refused (a name taken, a value out of range): nothing changed
            redo.clear()
        record = audit_seal.held(ws.conn)
        assert isinstance(record, audit_seal.Seal)
        key, _ = audit.writing_key(ws.conn)
        assert record.tables == {t: audit_seal.full(ws.conn, key, t) for t in audit_seal.TABLES}
        assert audit_check.verify(ws.conn) == []


def test_an_import_is_sealed_from_the_rows_it_wrote(workspace: Workspace, tmp_path: Path,
                                                   monkeypatch: Any) -> None:
    """The import, its undo and a cascading delete are sealed from the rows they changed
    (SQLite's own record of them), not by reading the tables again."""
    recounted: list[str] = []
    full = audit_seal.full
    monkeypatch.setattr(audit_seal, "full",
                        lambda conn, key, table: recounted.append(table) or full(conn, key, table))
    workspace.execute(AddKpi({"name": "Seed"}))  # the first seal is a full count
    recounted.clear()
    source = _csv(tmp_path, "a.csv", 79.0)
    applied = workspace.execute(ImportObservations(plan.prepare(workspace.conn, source,
                                                                plan.Options())))
    assert recounted == []
    workspace.execute(applied.inverse)  # its undo too subtracts the rows it took away
    workspace.execute(ImportObservations(plan.prepare(workspace.conn, source, plan.Options())))
    ids = tuple(r[0] for r in workspace.conn.execute("SELECT id FROM kpis"))
    workspace.execute(DeleteKpis(ids))  # and their observations and targets with them
    assert recounted == []
    assert audit_check.verify(workspace.conn) == []


@given(st.lists(st.tuples(values, values, values), min_size=1, max_size=8))
def test_a_tables_digest_is_the_sum_of_each_rows_cbc_mac(rows: list[tuple[Any, ...]]) -> None:
    """The whole row function, written out row by row: a word of 3-bit types (column k at
    bit 3k), the cells' words, zero-padded to whole blocks, AES-CBC-MAC with the table's
    key; the digest is the row count and each lane's sum mod 2^64."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    keys = _Keys(KEY)
    names = ["a", "b", "c"]
    columns = dict(zip(names, zip(*rows, strict=True), strict=True))
    lanes = [0, 0]
    for row in rows:
        cells = [_cell(v, keys.text) for v in row]
        message = [sum(tag << (3 * k) for k, (tag, _) in enumerate(cells)),
                   *(word for _, word in cells)]
        cbc = Cipher(algorithms.AES(keys.rows["kpis"]), modes.CBC(bytes(16))).encryptor()
        last = cbc.update(struct.pack(f"<{len(message)}Q", *message))[-16:]
        for lane, word in enumerate(struct.unpack("<2Q", last)):
            lanes[lane] = (lanes[lane] + word) % 2**64
    assert _digest(keys, "kpis", names, columns, len(rows)) == Digest(len(rows), tuple(lanes))


def test_every_kind_of_write_is_followed(workspace: Workspace) -> None:
    """Writes no command describes to the seal: REPLACE (a delete SQLite makes), an upsert,
    ON DELETE CASCADE and SET NULL, an id changed, a row inserted and deleted again."""
    conn = workspace.conn
    with workspace.transaction():
        conn.execute("INSERT INTO kpis (id, name, created_at, updated_at) VALUES (1, 'A', '', '')")
        conn.execute("INSERT INTO kpis (id, name, created_at, updated_at) VALUES (2, 'B', '', '')")
        conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                         [(1, "2025-01-01", 0), (1, "2025-01-02", 0.0), (2, "2025-01-01", 5)])
        conn.execute("INSERT INTO imports (id, file_name, content_hash, imported_at)"
                     " VALUES (1, 'f', 'h', '')")
        conn.execute("UPDATE observations SET import_id = 1")
    with workspace.transaction():
        conn.execute("INSERT OR REPLACE INTO kpis (id, name, created_at, updated_at)"
                     " VALUES (3, 'a', 'x', 'x')")  # replaces A by its name: cascades too
    with workspace.transaction():
        conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target)"
                     " VALUES (2, '2025-01-01', 1) ON CONFLICT DO UPDATE SET target = 2")
        conn.execute("INSERT INTO kpi_targets (kpi_id, effective_from, target)"
                     " VALUES (2, '2025-01-01', 1) ON CONFLICT DO UPDATE SET target = 2")
        conn.execute("UPDATE kpis SET id = 7 WHERE id = 3")
        conn.execute("INSERT INTO observations (id, kpi_id, ts, value) VALUES (99, 2, 'x', 1)")
        conn.execute("DELETE FROM observations WHERE id = 99")
        conn.execute("DELETE FROM imports")  # ON DELETE SET NULL
    with workspace.transaction():
        conn.execute("DELETE FROM kpis WHERE id = 2")  # ON DELETE CASCADE
    assert audit_check.verify(conn) == []


@settings(max_examples=40, deadline=None)  # a workspace each: slower than a default case
@given(st.lists(st.tuples(
    st.integers(-(2**62), 2**62) | st.floats(-1e20, 1e20),  # kpi_id, INTEGER
    st.text(max_size=4),  # ts, TEXT
    st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False),  # value, REAL NOT NULL
    st.none() | st.floats() | st.integers(-(2**63), 2**63 - 1),  # sample_size, REAL
), min_size=1, max_size=20))
def test_rows_are_hashed_as_sqlite_stores_them(rows: list[tuple[Any, ...]]) -> None:
    """Rows as given (before SQLite converts them by column type) and their copies in the
    log, inserted, updated and deleted: the seal follows them as a full recount sees them."""
    with tempfile.TemporaryDirectory() as folder, \
            Workspace.open(Path(folder) / "w.opsdesk", create=True) as ws:
        conn = ws.conn
        conn.execute("PRAGMA foreign_keys = OFF")  # kpi_id is any number here
        with ws.transaction():
            conn.executemany("INSERT INTO observations (kpi_id, ts, value, sample_size,"
                             " created_at) VALUES (?, ?, ?, ?, 'now')", rows)
        with ws.transaction():
            conn.execute("UPDATE observations SET note = 'n' WHERE id % 2 = 0")
            conn.execute("DELETE FROM observations WHERE id % 3 = 0")
        assert audit_check.verify(conn) == []


def _bulk(conn: Any, kpi: int, days: range) -> None:
    conn.executemany("INSERT INTO observations (kpi_id, ts, value) VALUES (?, ?, ?)",
                     [(kpi, f"2025-01-{d:02d}", float(d)) for d in days])


def test_rows_appended_in_bulk_are_logged_as_one_range(workspace: Workspace) -> None:
    """A bulk insert is one range of ids in the log, not an id a row; rows of it then
    updated or deleted in the same transaction, and a second bulk insert into the room
    the deletes made, are still sealed and summed as a full recount sees them."""
    from opsdesk.core.kpi import period_store
    from opsdesk.core.workspace import seal_log

    conn = workspace.conn
    workspace.execute(AddKpi({"name": "A"}))
    with workspace.transaction():
        _bulk(conn, 1, range(1, 5))  # one by one, as any write: ids 1 to 4
        with seal_log.appending(conn, "observations"):
            _bulk(conn, 1, range(5, 25))
        assert conn.execute("SELECT low, high FROM temp.seal_added_observations"
                            ).fetchall() == [(5, 24)]
        assert conn.execute("SELECT count(*) FROM temp.seal_touched_observations"
                            ).fetchone() == (4,)
        conn.execute("UPDATE observations SET value = 100 WHERE id IN (2, 6)")
        conn.execute("DELETE FROM observations WHERE id >= 20 OR id = 3")
        with seal_log.appending(conn, "observations"):  # ids 20 to 29 again
            _bulk(conn, 1, range(20, 30))
        assert conn.execute("SELECT low, high FROM temp.seal_added_observations"
                            ).fetchall() == [(5, 29)]
    assert audit_check.verify(conn) == []
    assert period_store.differences(conn) == []
    with workspace.transaction():  # an id below the largest (room a delete made): the
        with seal_log.appending(conn, "observations"):  # log is dropped, all recounted
            conn.execute("INSERT INTO observations (id, kpi_id, ts, value)"
                         " VALUES (3, 1, '2025-02-01', 1), (1000, 1, '2025-02-02', 2)")
        assert not seal_log.logged(conn, ("observations",))
        conn.execute("UPDATE observations SET note = 'n' WHERE id = 1")
    assert audit_check.verify(conn) == []
    assert period_store.differences(conn) == []
    with workspace.transaction():  # and the next transaction is logged again
        assert seal_log.logged(conn, ("observations",))
