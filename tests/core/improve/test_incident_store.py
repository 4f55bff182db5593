"""Incidents and deployments stored in a workspace: import by id, read back, metrics from
the stored rows, undo.

The quarter is the one worked out by hand in test_incident_metrics (Q1 2026, I0-I9 and
D0-D5); its expected figures are that module's hand arithmetic.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_commands import DeleteIncidents, ImportIncidents
from opsdesk.core.improve.incident_import import read_incident_file
from opsdesk.core.improve.incident_metrics import incident_metrics
from opsdesk.core.improve.incident_store import list_deployments, list_incidents, metric_columns
from opsdesk.core.workspace import Workspace
from opsdesk.core.workspace.changes import Changes
from tests.core.improve.test_incident_metrics import DEPLOYMENTS, FROM, INCIDENTS, TO


def _audit_entries(ws: Workspace) -> int:
    return int(ws.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    workspace = Workspace.open(tmp_path / "w.opsdesk", create=True)
    yield workspace  # type: ignore[misc]
    workspace.close()


def test_the_hand_quarter_stored_and_measured(ws: Workspace) -> None:
    applied = ws.execute(ImportIncidents(tuple(INCIDENTS), tuple(DEPLOYMENTS)))
    assert applied.result.incidents_added == 10 and applied.result.deployments_added == 6
    assert applied.changes == Changes.INCIDENTS
    stored = list_incidents(ws.conn)
    assert [s.incident for s in stored] == sorted(INCIDENTS, key=lambda i: i.started)
    assert [s.deployment for s in list_deployments(ws.conn)] == DEPLOYMENTS
    # I8 has no time after its start: open; I4 has a resolve time: resolved.
    status = {s.incident.key: s.status for s in stored}
    assert (status["I8"], status["I4"]) == ("open", "resolved")
    q1 = list_incidents(ws.conn, FROM, TO)
    assert [s.incident.key for s in q1] == ["I1", "I2", "I3", "I5", "I4", "I6", "I8", "I7"]

    m = incident_metrics(*metric_columns(ws.conn, FROM, TO), FROM, TO)
    # test_incident_metrics by hand: 8 incidents; MTTD 1635 / 7; 240 min of outage over
    # 4 incidents, MTBF 129,360 / 4 = 32,340; DORA 3 of 5 failed (D2 inferred from I3);
    # recovery (150 + 75) / 2 = 112.5 (D2's from I3's restore, found by the query).
    assert m.incidents == 8
    assert m.durations["mttd"].mean_min == pytest.approx(1635 / 7)
    assert (m.downtime_min, m.mtbf_min) == (240, 32_340)
    assert (m.deployments, m.failed_deployments, m.change_failure_rate) == (5, 3, 0.6)
    assert (m.recovery.n, m.recovery.mean_min) == (2, 112.5)


def test_importing_again_changes_nothing(ws: Workspace) -> None:
    command = ImportIncidents(tuple(INCIDENTS), tuple(DEPLOYMENTS))
    ws.execute(command)
    entries = _audit_entries(ws)
    again = ws.execute(command)
    assert again.changes == Changes.NONE
    assert again.result.unchanged == 16 and again.result.incidents_added == 0
    assert _audit_entries(ws) == entries
    assert ws.conn.execute("SELECT count(*) FROM incidents").fetchone()[0] == 10


def test_an_update_writes_only_the_fields_given_and_undoes(ws: Workspace) -> None:
    ws.execute(ImportIncidents(tuple(INCIDENTS)))
    # A later export of I1 with its closing time, from a source with no category column.
    later = dataclasses.replace(INCIDENTS[1], category="other", closed=datetime(2026, 1, 11))
    applied = ws.execute(ImportIncidents((later,), fields=frozenset({"key", "closed"})))
    assert (applied.result.incidents_updated, applied.result.incidents_added) == (1, 0)
    i1 = next(s.incident for s in list_incidents(ws.conn) if s.incident.key == "I1")
    assert i1.closed == datetime(2026, 1, 11) and i1.category == "outage"  # kept
    ws.execute(applied.inverse)
    i1 = next(s.incident for s in list_incidents(ws.conn) if s.incident.key == "I1")
    assert i1 == INCIDENTS[1]


def test_an_update_that_breaks_the_order_of_times_is_refused(ws: Workspace) -> None:
    ws.execute(ImportIncidents(tuple(INCIDENTS)))
    before = list_incidents(ws.conn)
    # I1 started 08:00; a resolve time of 07:00 runs backwards against the stored start.
    bad = dataclasses.replace(INCIDENTS[1], resolved=datetime(2026, 1, 10, 7))
    new = dataclasses.replace(INCIDENTS[1], key="NEW")
    with pytest.raises(OpsdeskError, match=r"resolved .* is before started"):
        ws.execute(ImportIncidents((new, bad), fields=frozenset({"key", "resolved"})))
    assert list_incidents(ws.conn) == before  # NEW was not added either


def test_a_file_imported_twice_and_undone(ws: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "pd.csv"
    path.write_text("incident_number,title,service_name,priority_name,created_at,"
                    "resolved_at,seconds_to_first_ack\n"
                    "101,Latency,scoring,P2,2026-02-01T10:00:00Z,2026-02-01T11:00:00Z,120\n",
                    encoding="utf-8")
    command = ImportIncidents.from_file(read_incident_file(path))
    assert command.fields is not None and "acknowledged" in command.fields
    assert "category" not in command.fields  # PagerDuty has no category column
    first = ws.execute(command)
    assert first.result.incidents_added == 1
    assert ws.execute(command).result.unchanged == 1
    ws.execute(first.inverse)
    assert list_incidents(ws.conn) == []


def test_delete_and_undo(ws: Workspace) -> None:
    ws.execute(ImportIncidents(tuple(INCIDENTS)))
    ids = tuple(s.id for s in list_incidents(ws.conn)[:2])
    deleted = ws.execute(DeleteIncidents(ids))
    assert len(list_incidents(ws.conn)) == 8
    ws.execute(deleted.inverse)
    assert len(list_incidents(ws.conn)) == 10
    with pytest.raises(OpsdeskError, match="no longer exist"):
        ws.execute(DeleteIncidents((999,)))


def test_the_owner_is_stored_as_the_directory_spells_them(ws: Workspace,
                                                          tmp_path: Path) -> None:
    # issue 13: every owner field picks from the people directory; an export's
    # "aisha  RAHMAN" (or her e-mail) is the directory's "Aisha Rahman", a name outside
    # the directory is kept as the export writes it (spacing tidied)
    from opsdesk.core.improve.people import Person
    from opsdesk.core.improve.people_commands import AddPerson

    ws.execute(AddPerson(Person("Aisha Rahman", email="aisha@example.com")))
    path = tmp_path / "sn.csv"
    path.write_text("number,short_description,opened_at,assigned_to\n"
                    "INC1,Slow,2026-02-01 10:00:00,aisha  RAHMAN\n"
                    "INC2,Down,2026-02-02 10:00:00,AISHA@example.com\n"
                    "INC3,Late,2026-02-03 10:00:00,Client  Contact\n"
                    "INC4,Odd,2026-02-04 10:00:00,\n", encoding="utf-8")
    ws.execute(ImportIncidents.from_file(read_incident_file(path)))
    assert [s.incident.owner for s in list_incidents(ws.conn)] == [
        "Aisha Rahman", "Aisha Rahman", "Client Contact", ""]
    # a later file without an owner column leaves the owners as they are
    path.write_text("number,short_description,opened_at\n"
                    "INC1,Slow again,2026-02-01 10:00:00\n", encoding="utf-8")
    ws.execute(ImportIncidents.from_file(read_incident_file(path)))
    first = list_incidents(ws.conn)[0].incident
    assert (first.title, first.owner) == ("Slow again", "Aisha Rahman")
