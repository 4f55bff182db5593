"""The executive summary counts each KPI under the status it has: a KPI with data but no
direction yet is "no direction" (as on the dashboard), not "without data or target"."""

from __future__ import annotations

import re
from io import BytesIO

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values


def _summary(workspace) -> list[str]:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    months = [f"2025-{m:02d}-01" for m in range(1, 13)]
    with workspace.transaction() as conn:
        # Lower is better, 1.5 against 2.0: on track (value <= target).
        add_values(conn, add_kpi(conn, "Scrap", target=2.0), [(m, 1.5) for m in months])
        add_values(conn, add_kpi(conn, "Headcount", direction="none", unit="", pillar="people"),
                   [(m, 112.0) for m in months])
        add_values(conn, add_kpi(conn, "Rework", pillar="people"), [(m, 3.0) for m in months])
    sink = BytesIO()
    build_report(workspace.conn, None, ReportConfig(sections=("summary",),
                 period_from="2025-01-01", period_to="2025-12-31"), sink=sink)
    text = "\n".join(p.extract_text(extraction_mode="layout")
                     for p in PdfReader(BytesIO(sink.getvalue())).pages)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def test_no_direction_and_no_target_are_counted_as_such(workspace) -> None:  # type: ignore[no-untyped-def]
    lines = _summary(workspace)
    text = " ".join(lines)
    assert ("Of the 3 KPIs in this review, 1 on track, 1 without a target and 1 with no "
            "direction yet.") in text
    # The header's cells may take two lines ("◇ No" over "direction"): its words in order.
    start = len(lines) - lines[::-1].index("1.1 Status by pillar")  # after the contents
    header = " ".join(lines[start:next(i for i, line in enumerate(lines) if
                                       line.startswith("People"))]).split()
    words = ["Pillar", "On", "track", "At", "risk", "Off", "track", "Stale", "No", "data",
             "No", "target", "No", "direction", "Total"]
    assert sorted(w for w in header if w not in "●▲■◆○◇") == sorted(words)
    assert "People – – – – – 1 1 2" in lines
    assert "Quality 1 – – – – – – 1" in lines
