"""Importing incidents and deployments: each source's columns, --map, UTC, all or nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.improve.incident_import import ImportRefused, parse_map, read_incident_file
from opsdesk.core.improve.timestamps import parse_utc


def csv(tmp_path: Path, text: str, name: str = "export.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


OWN = "\n".join([
    "id,service,category,title,severity,availability_impact,started,detected,acknowledged,"
    "restored,resolved,closed,caused_by_deployment",
    "INC-1,fraud-scoring,data drift,Drift on amount,SEV2,degraded,2026-01-10T08:00:00Z,"
    "2026-01-10T08:10:00Z,2026-01-10T08:15:00Z,2026-01-10T09:00:00Z,2026-01-10T10:00:00Z,"
    "2026-01-12T09:00:00Z,D-7",
    "INC-2,search,outage,Ranker down,SEV1,outage,2026-01-11 02:00,2026-01-11 02:01,,"
    "2026-01-11 02:40,,,", ""])


def test_opsdesk_columns(tmp_path: Path) -> None:
    got = read_incident_file(csv(tmp_path, OWN))
    assert got.source == "opsdesk" and got.rows == (2, 3) and got.notes == ()
    first, second = got.incidents
    assert (first.key, first.service, first.category, first.severity,
            first.availability_impact) == ("INC-1", "fraud-scoring", "data drift", "SEV2",
                                           "degraded")
    assert first.started == datetime(2026, 1, 10, 8) and first.closed == datetime(2026, 1, 12, 9)
    assert first.caused_by_deployment == "D-7"
    assert second.acknowledged is None and second.resolved is None
    assert second.restored == datetime(2026, 1, 11, 2, 40)


def test_deployments(tmp_path: Path) -> None:
    text = ("deployment,deployed_at,kind,failed_needing_remediation,linked_incident,"
            "service_restored\nD-7,2026-01-10T07:30:00Z,model release,yes,INC-1,"
            "2026-01-10T09:00:00Z\nD-8,2026-01-12T12:00:00Z,config change,no,,\n"
            "D-9,2026-01-14T12:00:00Z,rollback,,,\n")
    got = read_incident_file(csv(tmp_path, text), kind="deployments")
    assert [(d.key, d.kind, d.failed, d.linked_incident) for d in got.deployments] == [
        ("D-7", "model release", True, "INC-1"), ("D-8", "config change", False, ""),
        ("D-9", "rollback", None, "")]
    assert got.deployments[0].service_restored == datetime(2026, 1, 10, 9)


def test_servicenow_field_names_and_labels(tmp_path: Path) -> None:
    names = ("number,short_description,priority,business_service,opened_at,resolved_at,"
             "closed_at,caused_by\nINC0010001,Scoring API slow,2 - High,Fraud scoring,"
             "2026-02-01 10:00:00,2026-02-01 11:30:00,2026-02-03 09:00:00,CHG0030001\n")
    got = read_incident_file(csv(tmp_path, names))
    assert got.source == "ServiceNow"
    inc = got.incidents[0]
    assert (inc.key, inc.title, inc.severity, inc.service, inc.caused_by_deployment) == (
        "INC0010001", "Scoring API slow", "SEV2", "Fraud scoring", "CHG0030001")
    assert inc.started == inc.detected == datetime(2026, 2, 1, 10)
    assert inc.restored == inc.resolved == datetime(2026, 2, 1, 11, 30)
    assert got.notes == ("No column gives category: every row is other.",
                         "No column gives availability impact: every row is none (no "
                         "downtime).")
    labels = ("Number,Short description,Priority,Service,Opened,Resolved\n"
              "INC0010002,Feature store stale,1 - Critical,Features,2026-02-02 08:00:00,\n")
    inc = read_incident_file(csv(tmp_path, labels, "labels.csv")).incidents[0]
    assert (inc.key, inc.severity, inc.service, inc.restored) == ("INC0010002", "SEV1",
                                                                  "Features", None)


def test_jira_service_management(tmp_path: Path) -> None:
    text = ("Issue key,Summary,Priority,Created,Resolved,Custom field (Affected services)\n"
            "OPS-12,Model latency spike,Highest,05/Jan/26 10:23 AM,05/Jan/26 1:05 PM,Ranker\n"
            "OPS-13,Bad labels,Medium,06/Jan/26 9:00 AM,,Labelling\n")
    got = read_incident_file(csv(tmp_path, text))
    assert got.source == "Jira Service Management"
    first, second = got.incidents
    assert (first.key, first.severity, first.service) == ("OPS-12", "SEV1", "Ranker")
    assert first.started == datetime(2026, 1, 5, 10, 23)
    assert first.resolved == datetime(2026, 1, 5, 13, 5)
    assert second.severity == "SEV3" and second.resolved is None


def test_pagerduty_acknowledgement_from_seconds(tmp_path: Path) -> None:
    text = ("incident_number,title,service_name,priority_name,created_at,resolved_at,"
            "seconds_to_first_ack\n101,Fraud model latency,fraud-scoring,P2,"
            "2026-01-05T10:00:00Z,2026-01-05T11:30:00Z,300\n102,Drift alarm,fraud-scoring,"
            "P5,2026-01-07T08:00:00-05:00,2026-01-07T15:00:00Z,\n")
    got = read_incident_file(csv(tmp_path, text))
    assert got.source == "PagerDuty"
    first, second = got.incidents
    assert first.acknowledged == datetime(2026, 1, 5, 10, 5)  # created + 300 s
    assert second.started == datetime(2026, 1, 7, 13)          # 08:00 at -05:00 is 13:00 UTC
    assert second.acknowledged is None and second.severity == "SEV4"


def test_opsgenie_impact_times(tmp_path: Path) -> None:
    text = ("tinyId,message,priority,impactedServices,createdAt,impactStartDate,impactEndDate\n"
            "17,GPU pool exhausted,P1,inference,2026-03-01T10:12:00Z,2026-03-01T10:00:00Z,"
            "2026-03-01T11:00:00Z\n")
    inc = read_incident_file(csv(tmp_path, text)).incidents[0]
    assert (inc.key, inc.severity, inc.service) == ("17", "SEV1", "inference")
    assert (inc.started, inc.detected, inc.restored) == (
        datetime(2026, 3, 1, 10), datetime(2026, 3, 1, 10, 12), datetime(2026, 3, 1, 11))


def test_map_overrides_fill_what_a_source_lacks(tmp_path: Path) -> None:
    text = ("Ticket,When it began,Found,Impact,Kind\nT1,2026-01-05 10:00,2026-01-05 10:30,"
            "outage,data quality\n")
    path = csv(tmp_path, text)
    with pytest.raises(OpsdeskError, match=r"say which columns hold id and started \(--map "
                                           r"id=COLUMN --map started=COLUMN\)"):
        read_incident_file(path)
    overrides = parse_map(["id=Ticket", "started=When it began", "detected=found",
                           "availability_impact=Impact", "category=Kind"])
    got = read_incident_file(path, overrides=overrides)
    inc = got.incidents[0]
    assert (inc.key, inc.availability_impact, inc.category) == ("T1", "outage", "data quality")
    assert inc.detected == datetime(2026, 1, 5, 10, 30)
    assert got.columns["detected"] == "Found"
    # an override also replaces a source's own column
    sn = ("number,opened_at,resolved_at,u_impact_start\nINC1,2026-02-01 10:00:00,,"
          "2026-02-01 09:40:00\n")
    inc = read_incident_file(csv(tmp_path, sn, "sn.csv"),
                             overrides={"started": "u_impact_start"}).incidents[0]
    assert (inc.started, inc.detected) == (datetime(2026, 2, 1, 9, 40), datetime(2026, 2, 1, 10))


def test_bad_map_options_get_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match="--map 'colour=X' is not FIELD=COLUMN"):
        parse_map(["colour=X"])
    with pytest.raises(OpsdeskError, match="has no column 'Nope' \\(for started\\)"):
        read_incident_file(csv(tmp_path, OWN), overrides={"started": "Nope"})
    with pytest.raises(OpsdeskError, match="Unknown source 'splunk'"):
        read_incident_file(csv(tmp_path, OWN), source="splunk")


def test_all_or_nothing_with_every_problem_listed(tmp_path: Path) -> None:
    text = ("id,title,started,detected,severity,availability_impact\n"
            "1,a,2026-01-05 10:00,2026-01-05 09:00,SEV2,outage\n"
            "2,b,2026-01-06 10:00,2026-13-01,SEV9,outage\n"
            "2,c,2026-01-06 10:00,,SEV1,broken\n"
            "4,d,,,SEV1,none\n")
    with pytest.raises(ImportRefused) as caught:
        read_incident_file(csv(tmp_path, text))
    assert str(caught.value) == (
        "export.csv was not imported: row 2, column 'detected' ('2026-01-05 09:00'): earlier "
        "than started (2026-01-05 10:00 UTC) (and 5 more problems).")
    assert [p.sentence() for p in caught.value.problems[1:]] == [
        "row 3, column 'detected' ('2026-13-01'): not a date",
        "row 3, column 'severity' ('SEV9'): not a severity: use SEV1 to SEV4 (or P1-P5, "
        "Critical/High/...)",
        "row 4, column 'availability_impact' ('broken'): not an availability impact: use "
        "none, degraded or outage",
        "row 4, column 'id' ('2'): the same id as row 3",
        "row 5, column 'started': no time given; this column is required"]


def test_files_that_cannot_be_used(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match="has no incidents under its header"):
        read_incident_file(csv(tmp_path, "id,started\n"))
    with pytest.raises(OpsdeskError, match="There is no file"):
        read_incident_file(tmp_path / "missing.csv")
    with pytest.raises(OpsdeskError, match="Import incidents or deployments"):
        read_incident_file(csv(tmp_path, OWN), kind="alerts")


def test_a_workbook_reads_through_the_same_readers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["id", "title", "started", "restored", "severity"])
    sheet.append(["W1", "From Excel", datetime(2026, 1, 5, 10, 0), datetime(2026, 1, 5, 12, 30),
                  "p3"])
    path = tmp_path / "incidents.xlsx"
    book.save(path)
    inc = read_incident_file(path).incidents[0]
    assert (inc.key, inc.severity, inc.started, inc.restored) == (
        "W1", "SEV3", datetime(2026, 1, 5, 10), datetime(2026, 1, 5, 12, 30))


@pytest.mark.parametrize(("text", "expected"), [
    ("2026-01-05T10:00:00Z", datetime(2026, 1, 5, 10)),
    ("2026-01-05T10:00:00+02:00", datetime(2026, 1, 5, 8)),
    ("2026-01-05 23:30:00 -0130", datetime(2026, 1, 6, 1)),
    ("2026-01-05T10:00:00.123Z", datetime(2026, 1, 5, 10)),
    ("2026-01-05 10:00", datetime(2026, 1, 5, 10)),          # no offset: UTC
    ("05/Jan/26 12:05 AM", datetime(2026, 1, 5, 0, 5)),        # Jira
    ("5/Jan/2026 14:05", datetime(2026, 1, 5, 14, 5)),
    ("25/01/2026 10:00", datetime(2026, 1, 25, 10)),           # day first, settled by 25
])
def test_times_are_read_as_utc(text: str, expected: datetime) -> None:
    assert parse_utc(text) == (expected, None)


def test_times_that_are_not() -> None:
    assert parse_utc("") == (None, None)
    assert parse_utc("soon")[1] == "not a date"
    assert parse_utc("2026-02-30T10:00:00Z")[1] == "not a date"
    assert parse_utc("03/04/2026 10:00")[1] is not None and "ambiguous" in str(
        parse_utc("03/04/2026 10:00")[1])
    assert parse_utc("03/04/2026 10:00", "mdy") == (datetime(2026, 3, 4, 10), None)


@pytest.mark.parametrize(("header", "row", "source"), [
    # opsdesk's own column
    ("id,title,started,owner", "INC-1,Drift,2026-01-10T08:00:00Z,Aisha Rahman", "opsdesk"),
    # ServiceNow: the field name and the list view's label
    ("number,short_description,opened_at,assigned_to",
     "INC0010001,Slow,2026-02-01 10:00:00,Aisha Rahman", "ServiceNow"),
    ("Number,Short description,Opened,Assigned to",
     "INC0010001,Slow,2026-02-01 10:00:00,Aisha Rahman", "ServiceNow"),
    # Jira Service Management's issue CSV
    ("Issue key,Summary,Created,Assignee", "OPS-12,Latency,05/Jan/26 10:23 AM,Aisha Rahman",
     "Jira Service Management"),
    # PagerDuty: its incident list's CSV header, and the lower-case one
    ("incident_number,title,created_at,Assigned To",
     "101,Latency,2026-01-05T10:00:00Z,Aisha Rahman", "PagerDuty"),
    ("incident_number,title,created_at,assignee",
     "101,Latency,2026-01-05T10:00:00Z,Aisha Rahman", "PagerDuty"),
    # Opsgenie
    ("tinyId,message,createdAt,impactStartDate,Owner",
     "17,GPU,2026-03-01T10:12:00Z,2026-03-01T10:00:00Z,Aisha Rahman", "Opsgenie"),
])
def test_each_source_gives_the_owner(tmp_path: Path, header: str, row: str,
                                     source: str) -> None:
    got = read_incident_file(csv(tmp_path, f"{header}\n{row}\n"))
    assert got.source == source
    assert "owner" in got.columns
    assert got.incidents[0].owner == "Aisha Rahman"


def test_no_owner_column_leaves_the_owner_empty(tmp_path: Path) -> None:
    got = read_incident_file(csv(tmp_path, OWN))
    assert "owner" not in got.columns
    assert [i.owner for i in got.incidents] == ["", ""]
