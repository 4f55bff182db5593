"""The review's projects section (active projects' verdicts) and its incidents section.

On ``improvement_workspace``: Lead time's means by hand 9.3 days before the change and
6.1 after. INC-7 is the only incident of 2026-01..2026-10: detected 20 minutes after it
started (10:00 to 10:20), restored 90 minutes after (11:30), one SEV2 of data quality.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import pdf_text
from tests.core.report.improve_helpers import improvement_workspace


def test_active_projects_and_incidents(tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    path = improvement_workspace(tmp_path / "w.opsdesk")
    sink = BytesIO()
    config = ReportConfig(sections=("projects", "incidents"), period_from="2026-01-01",
                          period_to="2026-10-31")
    with Workspace.open(path, read_only=True) as ws:
        result = build_report(ws.conn, None, config, reproducible=True, sink=sink)
    assert result.sections == ("projects", "incidents")
    text = " ".join(pdf_text(sink.getvalue()).split())
    assert "Active projects: before and after" in text
    assert "Lead time fell from 9.3 to 6.1 days; the shift is statistically clear" in text
    assert "1 incident started and 0 deployments were made from 2026-01-01" in text
    assert "MTTD 20 min 20 min 1 0" in text            # mean, median, n, left out
    assert "Time to restore 1 h 30 min 1 h 30 min 1 0" in text
    assert "Mean time to detect: detected − impact started" in text
    assert "SEV2 1" in text and "data quality 1" in text


def test_no_incidents_no_section(tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    path = improvement_workspace(tmp_path / "w.opsdesk")
    config = ReportConfig(sections=("incidents",), period_from="2025-01-01",
                          period_to="2025-06-30")
    with Workspace.open(path, read_only=True) as ws:
        result = build_report(ws.conn, None, config, reproducible=True, sink=BytesIO())
    assert result.sections == ()


def test_an_active_projects_benefits_per_month_with_the_kpi_estimate(tmp_path: Path) -> None:
    from opsdesk.core.improve.benefit_commands import SetBenefit
    from opsdesk.core.improve.project_edits import EditProject
    from opsdesk.core.workspace import Workspace

    path = improvement_workspace(tmp_path / "w.opsdesk")
    with Workspace.open(path) as ws:
        pid = ws.conn.execute("SELECT id FROM projects").fetchone()[0]
        # each day of lead time cut is worth 1,000 a month
        ws.execute(EditProject(pid, {"value_per_unit": 1000.0}))
        ws.execute(SetBenefit(pid, date(2026, 2, 1), "soft", {"expected": 800,
                                                               "realised": 600}))
    sink = BytesIO()
    config = ReportConfig(sections=("projects",), period_from="2026-01-01",
                          period_to="2026-02-28")
    with Workspace.open(path, read_only=True) as ws:
        build_report(ws.conn, None, config, reproducible=True, sink=sink)
    text = " ".join(pdf_text(sink.getvalue()).split())
    # the helper's hard row (Jan 2026: 50,000 expected, 12,000 realised) and the soft one:
    # expected 50,000 + 800 = 50,800, realised 12,000 + 600 = 12,600
    assert "Benefits per month: expected 50,800, realised so far 12,600." in text
    assert "Hard expected Hard realised Soft expected Soft realised KPI estimate" in text
    # the estimate from the implementation month (January) on: lower is better, so
    # (9.3 - 6.2) x 1,000 = 3,100 in January and (9.3 - 6.0) x 1,000 = 3,300 in February;
    # 3,100 + 3,300 = 6,400
    assert "Jan 2026 50,000 12,000 – – 3,100" in text
    assert "Feb 2026 – – 800 600 3,300" in text
    assert "Total 50,000 12,000 800 600 6,400" in text
    assert "The KPI estimate is each month's improvement of Lead time" in text
