"""Report templates stored in the workspace, changed by undoable commands."""

from __future__ import annotations

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.report.config import ReportConfig, parse_period
from opsdesk.core.report.templates_store import (
    DeleteReportTemplate,
    RememberExportPath,
    SaveReportTemplate,
    find_template,
    list_templates,
)


def test_save_find_update_and_undo(workspace) -> None:  # type: ignore[no-untyped-def]
    config = ReportConfig(title="Board pack", client="Acme", kpi_ids=(3, 1),
                          sections=("summary", "appendix"), paper="letter")
    applied = workspace.execute(SaveReportTemplate("Board pack", config))
    stored = find_template(workspace.conn, "BOARD PACK")  # names ignore case
    assert stored.config == config
    workspace.execute(SaveReportTemplate("Board pack v2", config, stored.id))
    assert [t.name for t in list_templates(workspace.conn)] == ["Board pack v2"]
    workspace.execute(RememberExportPath(stored.id, "/tmp/pack.pdf"))
    assert list_templates(workspace.conn)[0].last_export_path == "/tmp/pack.pdf"
    workspace.execute(DeleteReportTemplate(stored.id))
    assert list_templates(workspace.conn) == []
    _ = applied


def test_duplicate_and_unknown_names_are_refused(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.execute(SaveReportTemplate("Monthly", ReportConfig()))
    with pytest.raises(OpsdeskError, match="already exists"):
        workspace.execute(SaveReportTemplate("monthly", ReportConfig()))
    with pytest.raises(OpsdeskError, match=r"no report template named 'Weekly'.*Monthly"):
        find_template(workspace.conn, "Weekly")


def test_undo_restores_the_previous_template(workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.execute(SaveReportTemplate("Monthly", ReportConfig(title="A")))
    stored = find_template(workspace.conn, "Monthly")
    applied = workspace.execute(SaveReportTemplate("Monthly", ReportConfig(title="B"), stored.id))
    workspace.execute(applied.inverse)
    assert find_template(workspace.conn, "Monthly").config.title == "A"


def test_config_survives_bad_json() -> None:
    assert ReportConfig.from_json("not json") == ReportConfig()
    assert ReportConfig.from_json('{"paper": "a3", "title": "T"}') == ReportConfig(title="T")


def test_periods_by_month_or_day() -> None:
    from datetime import date

    # June has 30 days: the month form runs to the 30th.
    assert parse_period("2026-01..2026-06") == (date(2026, 1, 1), date(2026, 6, 30))
    assert parse_period("2024-02-03..2024-02-29") == (date(2024, 2, 3), date(2024, 2, 29))
    for bad in ("2026-01", "2026-06..2026-01", "x..y"):
        with pytest.raises(OpsdeskError):
            parse_period(bad)
