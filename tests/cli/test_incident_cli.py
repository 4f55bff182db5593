"""``opsdesk incident`` and ``opsdesk action`` run as the user runs them.

Q2 2026 worked out by hand: from 2026-04-01 00:00 (inclusive) to 2026-07-01 00:00
(exclusive), UTC: (30 + 31 + 30) days × 1440 = 131,040 minutes. Minutes after the start:

       sev   impact    category                 started      det   ack   restored resolved
  A1   SEV1  outage    model degradation        04-05 10:00  15    25    90       180
  A2   SEV2  degraded  inference latency spike  04-20 14:00  5     7     45       60
  A3   SEV3  none      data drift               05-02 08:00  1440  1500  -        2880
  A4   SEV2  outage    outage                   05-17 22:00  2     -     60       180
  A5   SEV1  outage    outage                   05-17 22:30  10    15    90       210
  A6   SEV4  degraded  cost anomaly             06-10 09:00  -     -     180      -
  A7   SEV2  outage    data quality             06-30 23:30  5     10    60       120

B0 started the day before the quarter and B9 at its (exclusive) end: neither counts. A2's
start is written 16:00+02:00 in the file: 14:00 UTC. Deployments: D0 (March, before),
D1 not failed, D2 failed by inference (A1 names it as its cause), D3 failed as stated with
its service restored 45 minutes after, D4 not failed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run

HEADER = ("id,service,category,title,severity,availability_impact,started,detected,"
          "acknowledged,restored,resolved,closed,caused_by_deployment")
QUARTER = "\n".join([
    HEADER,
    "B0,scoring,other,Before,SEV3,outage,2026-03-31T23:00:00Z,2026-03-31T23:05:00Z,,"
    "2026-04-01T01:00:00Z,,,",
    "A1,scoring,model degradation,Accuracy fell,SEV1,outage,2026-04-05T10:00:00Z,"
    "2026-04-05T10:15:00Z,2026-04-05T10:25:00Z,2026-04-05T11:30:00Z,2026-04-05T13:00:00Z,,D2",
    "A2,search,inference latency spike,Slow ranker,SEV2,degraded,2026-04-20T16:00:00+02:00,"
    "2026-04-20T14:05:00Z,2026-04-20T14:07:00Z,2026-04-20T14:45:00Z,2026-04-20T15:00:00Z,,",
    "A3,scoring,data drift,Drift on amount,SEV3,none,2026-05-02T08:00:00Z,"
    "2026-05-03T08:00:00Z,2026-05-03T09:00:00Z,,2026-05-04T08:00:00Z,,",
    "A4,search,outage,Ranker down,SEV2,outage,2026-05-17T22:00:00Z,2026-05-17T22:02:00Z,,"
    "2026-05-17T23:00:00Z,2026-05-18T01:00:00Z,,",
    "A5,scoring,outage,Scoring down,SEV1,outage,2026-05-17T22:30:00Z,2026-05-17T22:40:00Z,"
    "2026-05-17T22:45:00Z,2026-05-18T00:00:00Z,2026-05-18T02:00:00Z,,",
    "A6,scoring,cost anomaly,GPU bill,SEV4,degraded,2026-06-10T09:00:00Z,,,"
    "2026-06-10T12:00:00Z,,,",
    "A7,search,data quality,Empty features,SEV2,outage,2026-06-30T23:30:00Z,"
    "2026-06-30T23:35:00Z,2026-06-30T23:40:00Z,2026-07-01T00:30:00Z,2026-07-01T01:30:00Z,,",
    "B9,search,other,After,SEV3,outage,2026-07-01T00:00:00Z,,,,,,", ""])
DEPLOYMENTS = "\n".join([
    "deployment,deployed_at,kind,failed_needing_remediation,linked_incident,service_restored",
    "D0,2026-03-30T10:00:00Z,model release,yes,,",
    "D1,2026-04-02T09:00:00Z,model release,no,,",
    "D2,2026-04-05T09:30:00Z,model release,,,",
    "D3,2026-05-10T12:00:00Z,config change,yes,,2026-05-10T12:45:00Z",
    "D4,2026-06-01T08:00:00Z,rollback,no,,", ""])


def _workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "w.opsdesk"
    assert run("new", ws).returncode == 0
    return ws


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _json(*args: object) -> dict:  # type: ignore[type-arg]
    out = run(*args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def _audit_entries(path: Path) -> int:
    from opsdesk.core.workspace import Workspace

    with Workspace.open(path, read_only=True) as ws:
        return int(ws.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0])


@pytest.fixture(scope="module")
def quarter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("quarter")
    ws = _workspace(tmp)
    made = _json("incident", "import", ws, _file(tmp, "q2.csv", QUARTER))
    assert (made["rows"], made["incidents_added"], made["source"]) == (9, 9, "opsdesk")
    deps = _json("incident", "import", ws, _file(tmp, "d.csv", DEPLOYMENTS),
                 "--kind", "deployments")
    assert deps["deployments_added"] == 5
    return ws


def test_metrics_of_the_quarter_by_hand(quarter: Path) -> None:
    m = _json("incident", "metrics", quarter, "--from", "2026-04-01", "--to", "2026-07-01")
    assert list(m)[:9] == ["from", "to", "period_minutes", "incidents", "mttd", "mtta",
                           "restore", "respond", "resolve"]
    assert (m["from"], m["to"]) == ("2026-04-01T00:00:00", "2026-07-01T00:00:00")
    assert m["period_minutes"] == 131_040  # 91 days × 1440
    assert m["incidents"] == 7             # A1-A7; B0 before, B9 at the exclusive end

    def d(key: str) -> tuple[int, int, float, float]:
        return m[key]["n"], m[key]["excluded"], m[key]["mean_min"], m[key]["median_min"]

    # MTTD: 15 5 1440 2 10 5 (A6 undetected): sum 1477 / 6; sorted 2 5 [5 10] 15 1440
    assert d("mttd") == (6, 1, pytest.approx(1477 / 6), 7.5)
    # MTTA: 10 2 60 5 5 (A4, A6 unacknowledged): sum 82 / 5 = 16.4; sorted 2 5 [5] 10 60
    assert d("mtta") == (5, 2, pytest.approx(16.4), 5)
    # restore: 90 45 60 90 180 60 (A3 never restored): 525 / 6 = 87.5; 45 60 [60 90] 90 180
    assert d("restore") == (6, 1, 87.5, 75)
    # respond (restored − detected): 75 40 58 80 55 (A3, A6 left out): 308 / 5 = 61.6;
    # sorted 40 55 [58] 75 80
    assert d("respond") == (5, 2, pytest.approx(61.6), 58)
    # resolve: 180 60 2880 180 210 120 (A6 unresolved): 3630 / 6 = 605;
    # sorted 60 120 [180 180] 210 2880
    assert d("resolve") == (6, 1, 605, 180)
    assert m["mttd"]["definition"] == "Mean time to detect: detected − impact started"

    # Outage only: A1 90; A4 22:00-23:00 and A5 22:30-00:00 overlap: 22:00-00:00 once, 120;
    # A7 from 23:30 to the period's end, 30. Downtime 240 over 4 incidents; uptime
    # 131,040 − 240 = 130,800; MTBF (ITIL, uptime ÷ incidents) 130,800 / 4 = 32,700.
    assert (m["downtime_min"], m["mtbf_min"]) == (240, 32_700)
    assert m["availability"] == pytest.approx(130_800 / 131_040)  # a fraction, 0.99817
    # DORA: D1-D4 in the quarter; D2 (A1 names it) and D3 failed: 2 / 4
    assert (m["deployments"], m["failed_deployments"], m["change_failure_rate"]) == (4, 2, 0.5)
    assert m["change_failure_rate_definition"].startswith("DORA change failure rate")
    # recovery: D2 09:30 to A1's restore 11:30 = 120; D3 45: mean and median 82.5
    assert m["failed_deployment_recovery"]["mean_min"] == 82.5
    assert m["by_severity"] == {"SEV1": 2, "SEV2": 3, "SEV3": 1, "SEV4": 1}
    assert m["by_category"] == {"data drift": 1, "model degradation": 1,
                                "inference latency spike": 1, "outage": 2, "data quality": 1,
                                "security or access": 0, "cost anomaly": 1, "other": 0}


def test_degraded_counts_as_downtime_when_asked(quarter: Path) -> None:
    m = _json("incident", "metrics", quarter, "--from", "2026-04-01", "--to", "2026-07-01",
              "--downtime", "degraded")
    # plus A2 45 and A6 180: 240 + 225 = 465 over 6; uptime 130,575; MTBF 130,575 / 6
    assert (m["downtime_min"], m["mtbf_min"]) == (465, 130_575 / 6)
    assert m["availability"] == pytest.approx(130_575 / 131_040)


def test_list_in_a_period(quarter: Path) -> None:
    got = _json("incident", "list", quarter, "--from", "2026-05-01", "--to", "2026-06-01")
    assert list(got) == ["incidents"]
    assert [i["id"] for i in got["incidents"]] == ["A3", "A4", "A5"]  # May, by start
    a4 = got["incidents"][1]
    assert (a4["severity"], a4["availability_impact"], a4["acknowledged"], a4["status"]) == (
        "SEV2", "outage", None, "resolved")
    everything = _json("incident", "list", quarter)["incidents"]
    assert len(everything) == 9
    a2 = next(i for i in everything if i["id"] == "A2")
    assert a2["started"] == "2026-04-20T14:00:00"  # 16:00+02:00 as UTC


def test_servicenow_and_pagerduty_exports(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    servicenow = _file(tmp_path, "sn.csv", "\n".join([
        "Number,Short description,Priority,Service,Opened,Resolved,Closed,u_ai_category",
        "INC0010001,Scoring API slow,2 - High,Fraud scoring,2026-02-01 10:00:00,"
        "2026-02-01 11:30:00,2026-02-03 09:00:00,inference latency spike", ""]))
    made = _json("incident", "import", ws, servicenow, "--map", "category=u_ai_category")
    assert made["source"] == "ServiceNow" and made["incidents_added"] == 1
    pagerduty = _file(tmp_path, "pd.csv", "\n".join([
        "incident_number,title,service_name,priority_name,created_at,resolved_at,"
        "seconds_to_first_ack",
        "4711,Feature store timeouts,Feature store,P1,2026-02-05T03:00:00Z,"
        "2026-02-05T04:10:00Z,300", ""]))
    made = _json("incident", "import", ws, pagerduty)
    assert made["source"] == "PagerDuty"
    listed = {i["id"]: i for i in _json("incident", "list", ws)["incidents"]}
    sn, pd = listed["INC0010001"], listed["4711"]
    # ServiceNow: Opened is started and detected; Resolved is restored and resolved;
    # "2 - High" is SEV2 (incident_columns).
    assert (sn["severity"], sn["category"], sn["service"]) == (
        "SEV2", "inference latency spike", "Fraud scoring")
    assert sn["started"] == sn["detected"] == "2026-02-01T10:00:00"
    assert sn["restored"] == sn["resolved"] == "2026-02-01T11:30:00"
    # PagerDuty: acknowledged = created_at + seconds_to_first_ack (300 s): 03:05
    assert (pd["severity"], pd["acknowledged"]) == ("SEV1", "2026-02-05T03:05:00")


def test_malformed_file_refused_with_nothing_written(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    before = _audit_entries(ws)
    bad = _file(tmp_path, "bad.csv", "\n".join([
        HEADER,
        "X1,scoring,outage,Fine,SEV2,outage,2026-04-05T10:00:00Z,,,,,,",
        "X2,scoring,outage,Bad time,SEV2,outage,not a time,,,,,,",
        "X3,scoring,outage,Bad severity,urgent,outage,2026-04-06T10:00:00Z,,,,,,", ""]))
    line = one_line_error(run("incident", "import", ws, bad), code=1)
    assert "bad.csv was not imported: row 3, column 'started'" in line
    assert "(and 1 more problems)" in line
    out = run("incident", "import", ws, bad, "--json")
    assert out.returncode == 1
    refused = json.loads(out.stdout)
    assert (refused["imported"], refused["problem_count"]) == (False, 2)
    assert [p["row"] for p in refused["problems"]] == [3, 4]
    assert _json("incident", "list", ws) == {"incidents": []}  # X1 was not written either
    assert _audit_entries(ws) == before  # not a line of the file reached the workspace
    assert "not FIELD=COLUMN" in one_line_error(
        run("incident", "import", ws, bad, "--map", "colour=Red"))
    assert "no column 'Nope'" in one_line_error(
        run("incident", "import", ws, bad, "--map", "started=Nope"))
    assert "must be a date" in one_line_error(
        run("incident", "metrics", ws, "--from", "April", "--to", "2026-07-01"))
    assert "must end after it starts" in one_line_error(
        run("incident", "metrics", ws, "--from", "2026-07-01", "--to", "2026-04-01"))


def test_importing_again_is_idempotent_on_the_id(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    path = _file(tmp_path, "q2.csv", QUARTER)
    assert _json("incident", "import", ws, path)["incidents_added"] == 9
    again = _json("incident", "import", ws, path)
    assert (again["incidents_added"], again["incidents_updated"], again["unchanged"]) == (
        0, 0, 9)
    # A later export: A6 now resolved. One row updated, none added.
    later = QUARTER.replace("A6,scoring,cost anomaly,GPU bill,SEV4,degraded,"
                            "2026-06-10T09:00:00Z,,,2026-06-10T12:00:00Z,,,",
                            "A6,scoring,cost anomaly,GPU bill,SEV4,degraded,"
                            "2026-06-10T09:00:00Z,,,2026-06-10T12:00:00Z,"
                            "2026-06-10T15:00:00Z,,")
    assert later != QUARTER
    updated = _json("incident", "import", ws, _file(tmp_path, "later.csv", later))
    assert (updated["incidents_added"], updated["incidents_updated"]) == (0, 1)
    listed = _json("incident", "list", ws)["incidents"]
    assert len(listed) == 9
    assert next(i for i in listed if i["id"] == "A6")["resolved"] == "2026-06-10T15:00:00"
    text = run("incident", "import", ws, path)
    assert text.returncode == 0 and "0 added, 1 updated, 8 unchanged" in text.stdout


def test_action_list_by_owner_and_overdue(tmp_path: Path) -> None:
    from datetime import date

    from opsdesk.core.improve.action_commands import AddAction
    from opsdesk.core.improve.actions import Action, Source
    from opsdesk.core.kpi.review_date import SETTING
    from opsdesk.core.workspace import Workspace

    path = _workspace(tmp_path)
    with Workspace.open(path) as ws:
        with ws.transaction() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                         (SETTING, json.dumps("2026-03-31")))
        for title, owner, due, status, done in (
                ("Retrain the model", "Priya Nair", date(2026, 3, 20), "open", None),
                ("Drift check", "priya  nair", date(2026, 3, 31), "in progress", None),
                ("SMED workshop", "Maria Keller", date(2026, 2, 27), "in progress", None),
                ("Old scorecard", "Priya Nair", date(2026, 1, 10), "done", date(2026, 1, 9))):
            ws.execute(AddAction(Action(0, title, owner, Source("alert"), due, status,
                                        done_on=done)))
    everything = _json("action", "list", path)
    assert list(everything) == ["actions"] and len(everything["actions"]) == 4
    # Review date 2026-03-31: overdue = open or in progress and due before it. SMED 32 days
    # (02-27 to 03-31), Retrain 11 days (03-20 to 03-31); Drift check is due that very day.
    overdue = _json("action", "list", path, "--overdue")["actions"]
    assert [(a["title"], a["days_overdue"]) for a in overdue] == [("SMED workshop", 32),
                                                                  ("Retrain the model", 11)]
    mine = _json("action", "list", path, "--owner", "PRIYA NAIR")["actions"]
    assert [a["title"] for a in mine] == ["Retrain the model", "Drift check", "Old scorecard"]
    assert mine[0]["source"] == {"kind": "alert", "ref": None, "label": ""}
    both = _json("action", "list", path, "--owner", "Priya Nair", "--overdue")["actions"]
    assert [a["title"] for a in both] == ["Retrain the model"]
    text = run("action", "list", path, "--overdue")
    assert "2 actions as of 2026-03-31" in text.stdout and "32 days overdue" in text.stdout


def test_the_demo_holds_a_quarter_of_incidents_and_fifteen_actions(demo_file: Path) -> None:
    # The demo: a quarter of AI/ML incidents on two services with deployments, and
    # fifteen actions, some overdue. Figures from the demo's own rows (demo/incidents.py).
    listed = _json("incident", "list", demo_file, "--from", "2026-07-01", "--to",
                   "2026-10-01")["incidents"]
    ai = [i for i in listed if i["model"]]
    assert len(ai) == 12 and {i["service"] for i in ai} == {"Vision inspection",
                                                            "Demand forecast"}
    m = _json("incident", "metrics", demo_file, "--from", "2026-07-01", "--to", "2026-10-01")
    assert m["incidents"] == 13  # the twelve and the ERP upgrade (2026-08-03)
    # Outages of Q3: INC-2104 52 min, INC-2106 70, INC-2108 38, INC-2113 44 = 204
    assert (m["downtime_min"], m["mtbf_min"]) == (204, (132_480 - 204) / 4)  # 92 days
    # Eleven deployments in Q3 (VI-4.2 is October); failed: DF-2.4 and VI-4.1 (incidents
    # name them), DF-2.5.1 (stated): 3 / 11
    assert (m["deployments"], m["failed_deployments"]) == (11, 3)
    actions = _json("action", "list", demo_file)["actions"]
    assert len(actions) == 15
    # Review date 2026-11-20; open and due before it: 09-30, 10-15, 10-31, 11-10, 11-15
    overdue = _json("action", "list", demo_file, "--overdue")["actions"]
    assert [a["due"] for a in overdue] == ["2026-09-30", "2026-10-15", "2026-10-31",
                                           "2026-11-10", "2026-11-15"]
    assert {a["source"]["kind"] for a in actions} == {"project", "incident review",
                                                      "kaizen burst", "alert"}


def test_track_adds_kpis_computed_from_the_incidents(tmp_path: Path) -> None:
    # The search service's incidents of the quarter above: A2 restored after 45 minutes
    # (April), A4 after 60 (May), A7 after 60 (June); B9 (July) is not restored.
    ws = _workspace(tmp_path)
    _json("incident", "import", ws, _file(tmp_path, "q2.csv", QUARTER))
    restore = _json("incident", "track", ws, "restore", "--service", "search")
    assert restore == {"kpi_id": restore["kpi_id"], "name": "Mean time to restore (search)",
                       "metric": "restore", "service": "search", "frequency": "monthly",
                       "observations": 3}
    count = _json("incident", "track", ws, "incidents", "--service", "search",
                  "--frequency", "monthly", "--name", "Search incidents")
    assert count["observations"] == 4  # April to July, one each
    from opsdesk.core.workspace import Workspace

    with Workspace.open(ws, read_only=True) as opened:
        rows = opened.conn.execute(
            "SELECT ts, value FROM observations WHERE kpi_id = ? ORDER BY ts",
            (restore["kpi_id"],)).fetchall()
    assert rows == [("2026-04-20T14:00:00", 45.0), ("2026-05-17T22:00:00", 60.0),
                    ("2026-06-30T23:30:00", 60.0)]
    wrong = run("incident", "track", ws, "uptime")
    assert wrong.returncode == 2 and "invalid choice: 'uptime'" in wrong.stderr


def test_the_owner_is_imported_listed_and_edited_as_the_directory_spells_them(
        tmp_path: Path) -> None:
    # issue 13: an incident has an owner; ServiceNow's "Assigned to" gives it, list --json
    # shows it, review-edit --owner changes it, each stored as the directory spells them
    ws = _workspace(tmp_path)
    for name in ("Aisha Rahman", "Sam Okafor"):
        assert run("person", "add", ws, name).returncode == 0
    servicenow = _file(tmp_path, "sn.csv", "\n".join([
        "Number,Short description,Opened,Assigned to",
        "INC0010001,Scoring API slow,2026-02-01 10:00:00,aisha rahman",
        "INC0010002,Feed late,2026-02-02 10:00:00,", ""]))
    assert _json("incident", "import", ws, servicenow)["incidents_added"] == 2
    listed = _json("incident", "list", ws)["incidents"]
    assert [(i["id"], i["owner"]) for i in listed] == [
        ("INC0010001", "Aisha Rahman"), ("INC0010002", "")]
    edited = run("incident", "review-edit", ws, "INC0010002", "--owner", "SAM  okafor")
    assert edited.returncode == 0, edited.stderr
    listed = _json("incident", "list", ws)["incidents"]
    assert [i["owner"] for i in listed] == ["Aisha Rahman", "Sam Okafor"]
