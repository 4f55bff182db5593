"""The audit log records who changed what, and its hash chain shows any tampering.

Issue 2 section 2: "The audit log records who (OS user), when, which entity, before/after
(JSON), and is hash-chained so that deleting or editing an audit row is detected."
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Callable
from datetime import datetime

import pytest

from opsdesk.core.workspace import Workspace, audit, audit_check
from opsdesk.core.workspace.check import check_workspace
from opsdesk.core.workspace.commands import Batch
from opsdesk.core.workspace.row_commands import (
    AUDIT_EACH_ROW_UP_TO,
    DeleteRows,
    InsertRows,
    UpdateRow,
)
from tests.core.workspace.helpers import kpi_row


def _entries(ws: Workspace) -> list[dict[str, object]]:
    return ws.rows("SELECT * FROM audit_log ORDER BY seq")


def _many_commands(ws: Workspace) -> None:
    """Twelve commands of every kind: 20 audit entries in all (counted in the test)."""
    for i in range(1, 6):  # 5 entries
        ws.execute(InsertRows("kpis", (kpi_row(i, f"KPI {i}"),), title=f"Add KPI {i}"))
    for i in range(1, 6):  # 5 entries
        ws.execute(UpdateRow("kpis", i, {"owner": f"Owner {i}"}, title="Set owner"))
    observations = tuple({"id": i, "kpi_id": 1, "ts": f"2026-03-0{i}", "value": i} for i in (1, 2))
    ws.execute(InsertRows("observations", observations, title="Add data"))  # 2 entries
    # Deleting KPI 1 takes its 2 observations along: 3 entries; and the batch adds 5 more.
    ws.execute(
        Batch(
            "Tidy up",
            (
                DeleteRows("kpis", (1,), title="Delete KPI"),
                InsertRows("kpis", tuple(kpi_row(i, f"New {i}") for i in (10, 11, 12, 13, 14))),
            ),
        )
    )


def test_entry_records_who_what_and_values(workspace: Workspace) -> None:
    workspace.execute(InsertRows("kpis", (kpi_row(1, "OEE"),), title="Add KPI"))
    workspace.execute(UpdateRow("kpis", 1, {"unit": "%"}, title="Change unit"))
    first, second = _entries(workspace)
    # No workspace author set: the login, marked as the operating system's word for it.
    assert first["user"] == second["user"] == f"{getpass.getuser()} {audit.OS_REPORTED}"
    assert (first["command"], first["entity"], first["entity_id"], first["action"]) == (
        "Add KPI",
        "kpis",
        "1",
        "insert",
    )
    assert first["before"] is None
    assert json.loads(str(first["after"]))["name"] == "OEE"
    assert (second["command"], second["action"]) == ("Change unit", "update")
    assert json.loads(str(second["before"])) == {"unit": ""}  # kpis.unit DEFAULT ''
    assert json.loads(str(second["after"])) == {"unit": "%"}
    stamp = datetime.fromisoformat(str(second["at"]))
    assert stamp.tzinfo is not None  # a UTC time, not a local one
    assert [first["seq"], second["seq"]] == [1, 2]
    assert second["prev_hash"] == first["hash"]


def test_bulk_insert_is_one_summary_entry(workspace: Workspace) -> None:
    workspace.execute(InsertRows("kpis", (kpi_row(1, "OEE"),)))
    n = AUDIT_EACH_ROW_UP_TO + 1
    rows = tuple(
        {"kpi_id": 1, "ts": f"2026-01-01T{i // 60:02d}:{i % 60:02d}", "value": i} for i in range(n)
    )
    workspace.execute(InsertRows("observations", rows, title="Import"))
    entries = _entries(workspace)
    assert len(entries) == 2
    assert json.loads(str(entries[1]["after"]))["rows"] == n


def test_chain_is_clean_after_many_commands(workspace: Workspace) -> None:
    _many_commands(workspace)
    assert workspace.scalar("SELECT count(*) FROM audit_log") == 5 + 5 + 2 + 3 + 5
    assert audit_check.verify(workspace.conn) == []
    assert check_workspace(workspace.path).ok


def _edit_after(ws: Workspace) -> None:
    ws.conn.execute('UPDATE audit_log SET after = \'{"owner": "Someone else"}\' WHERE seq = 8')


def _edit_and_rehash(ws: Workspace) -> None:
    # A careful forger recomputes the edited row's own hash, without the key (outside the
    # file): the chain is keyed, so the forged hash is not the row's.
    row = ws.rows("SELECT * FROM audit_log WHERE seq = 8")[0]
    row["user"] = "someone else"
    fields = {k: row[k] for k in row if k not in ("prev_hash", "hash")}
    new_hash = audit._row_hash(str(row["prev_hash"]), fields, None)
    ws.conn.execute(
        "UPDATE audit_log SET user = ?, hash = ? WHERE seq = 8", (row["user"], new_hash)
    )


def _delete_middle(ws: Workspace) -> None:
    ws.conn.execute("DELETE FROM audit_log WHERE seq = 8")


def _delete_first(ws: Workspace) -> None:
    ws.conn.execute("DELETE FROM audit_log WHERE seq = 1")


def _delete_last(ws: Workspace) -> None:
    ws.conn.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")


def _delete_all(ws: Workspace) -> None:
    ws.conn.execute("DELETE FROM audit_log")


TAMPERING: dict[str, tuple[Callable[[Workspace], None], str]] = {
    "edit after": (_edit_after, "entry 8 was altered"),
    "edit and rehash": (_edit_and_rehash, "entry 8 was altered"),
    "delete middle": (_delete_middle, "entries 8-8 are missing"),
    "delete first": (_delete_first, "entries 1-1 are missing"),
    "delete last": (_delete_last, "head record"),
    "delete all": (_delete_all, "head record"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_is_detected(workspace: Workspace, case: str) -> None:
    _many_commands(workspace)
    assert audit_check.verify(workspace.conn) == []
    tamper, expected = TAMPERING[case]
    tamper(workspace)
    problems = audit_check.verify(workspace.conn)
    assert any(expected in p for p in problems), problems
    report = check_workspace(workspace.path)
    assert not report.ok
    assert any(line.startswith("FAIL  audit chain") for line in report.lines), report.lines
