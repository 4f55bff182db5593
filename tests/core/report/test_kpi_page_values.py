"""A KPI page's period table shows data up to the end of the reporting period only, also
for a KPI whose only data arrived after it (statuses are judged the day after)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values, pdf_text


def test_period_tables_stop_at_the_period_end(workspace: Any) -> None:
    with workspace.transaction() as conn:
        judged = add_kpi(conn, "Judged KPI", target=3.0)
        # October: (2.0 + 3.0) / 2 = 2.50 by hand; September 4.00.
        add_values(conn, judged, [("2026-09-10", 4.0), ("2026-10-05", 2.0),
                                  ("2026-10-20", 3.0)])
        late = add_kpi(conn, "Late KPI", target=3.0)
        # Its one value is dated 1 November, the day statuses are judged on, which lies
        # after the period (to 31 October): no period of the review holds data.
        add_values(conn, late, [("2026-11-01", 7.25)])
    config = ReportConfig(title="Review", client="Client", author="Author",
                          period_from="2025-11-01", period_to="2026-10-31",
                          sections=("kpi_pages",))
    sink = BytesIO()
    build_report(workspace.conn, None, config, sink=sink)
    text = pdf_text(sink.getvalue())
    assert "2.50" in text and "4.00" in text
    late_page = text[text.index("Late KPI", text.index("Judged KPI") + 1):]
    assert "No observations up to the end of the reporting period." in late_page
    assert "7.25" not in text
