"""No text meant for the author reaches the client: not the operating-system login of
whoever imported a file, not a note about the currency."""

from __future__ import annotations

from io import BytesIO

import pytest

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values, pdf_text

SECTIONS = ("projects", "appendix")


@pytest.fixture
def imported(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        kpi = add_kpi(conn, "Scrap rate", target=2.0, data_source="")
        add_values(conn, kpi, [("2026-01-15", 1.5)])
        conn.execute(
            "INSERT INTO imports (file_name, content_hash, rows_read, rows_imported,"
            " imported_at, imported_by) VALUES ('plant_kpis.xlsx', 'x', 12, 12,"
            " '2026-02-01T09:30:00', 'root')")
        project = conn.execute(
            "INSERT INTO projects (name, owner, created_at, updated_at) VALUES ('Scrap down',"
            " 'Ana', '2026-01-01', '2026-01-01')").lastrowid
        # 100,000 + 20,000 expected, 30,000 + 15,000 realised: 120,000 and 45,000
        conn.executemany(
            "INSERT INTO project_benefits (project_id, month, kind, expected, realised)"
            " VALUES (?, ?, ?, ?, ?)", [(project, "2026-01-01", "hard", 100000, 30000),
                                        (project, "2026-01-01", "soft", 20000, 15000)])
    return workspace


def _text(ws, **config) -> str:  # type: ignore[no-untyped-def]
    sink = BytesIO()
    build_report(ws.conn, None, ReportConfig(sections=SECTIONS, period_from="2026-01-01",
                                             period_to="2026-01-31", **config), sink=sink)
    return pdf_text(sink.getvalue())


def _cells(text: str) -> list[str]:
    """pypdf gives each table cell a line of its own."""
    return [line.strip() for line in text.splitlines()]


def test_author_stands_in_for_the_login(imported) -> None:  # type: ignore[no-untyped-def]
    text = _text(imported, author="Dana Reyes", currency="EUR", client="Vega Foods")
    assert "Confidential — prepared for the internal use of Vega Foods" in text
    assert "the client" not in text
    assert "root" not in text
    assert "By" in _cells(text)
    assert "Dana Reyes" in text
    assert "expected benefit EUR 120,000, realised so far EUR 45,000." in text
    assert "(EUR)" in text and "as entered" not in text  # the Expected, Realised headers


def test_no_author_no_by_column_and_no_currency_note(imported) -> None:  # type: ignore[no-untyped-def]
    text = _text(imported)
    assert "Confidential — for internal use" in text and "the client" not in text
    assert "root" not in text
    assert "By" not in _cells(text)  # the column is left out
    assert "expected benefit 120,000, realised so far 45,000." in text
    assert "currency" not in text and "(not stated)" not in text
