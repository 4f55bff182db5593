"""Values, targets and changes in the review as the app and the CLI show them: a target
beside a value with a unit carries it too ("85.0 %"), and a change has the decimals of the
values it lies between ("−2.0", not "−2.00"; "+1.0" beside 122.0, not "+1.00"), in
percentage points on a KPI page (pp, as ``opsdesk kpi status`` says)."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values

# OEE by hand: November 72.0, December 70.0 -> change -2.0 pp; 70.0 < 0.9 * 85 = 76.5: off
# track. Headcount: 121 -> 122, +1.0 (no unit, no decimals set: one decimal from 10 up).
OEE = [("2025-10-01", 75.0), ("2025-11-01", 72.0), ("2025-12-01", 70.0)]
HEADCOUNT = [("2025-10-01", 121.0), ("2025-11-01", 121.0), ("2025-12-01", 122.0)]


def _lines(workspace: Any, sections: tuple[str, ...]) -> list[str]:
    from pypdf import PdfReader

    with workspace.transaction() as conn:
        add_values(conn, add_kpi(conn, "OEE", target=85.0, direction="higher", decimals=None),
                   OEE)
        add_values(conn, add_kpi(conn, "Headcount", direction="none", unit="", decimals=None),
                   HEADCOUNT)
    sink = BytesIO()
    build_report(workspace.conn, None, ReportConfig(
        sections=sections, period_from="2025-01-01", period_to="2025-12-31"), sink=sink)
    text = "\n".join(p.extract_text(extraction_mode="layout")
                     for p in PdfReader(BytesIO(sink.getvalue())).pages)
    return [re.sub(r"\s+", " ", line).strip() for line in text.splitlines() if line.strip()]


def test_kpi_page_facts_carry_units(workspace: Any) -> None:
    lines = _lines(workspace, ("kpi_pages",))
    assert "Target 85.0 % Change −2.0 pp ↓ worsening" in lines
    assert "Target – Change +1.0 → flat" in lines
    assert "2025-12 70.0 85.0 ■ Off track −2.0" in lines  # the periods table: no units
    assert "2025-11 121.0 – ◇ No direction 0.0" in lines
    assert "2025-12 122.0 – ◇ No direction +1.0" in lines


def test_scorecard_and_attention_list(workspace: Any) -> None:
    lines = _lines(workspace, ("summary", "scorecard"))
    assert any(re.fullmatch(r"OEE \(%\) \w+ 2025-12 70\.0 85\.0 ■ Off track −2\.0 ↓ worsening"
                            r" .*", line) for line in lines), lines
    assert any(re.search(r"■ Off track 70\.0 % 85\.0 %$", line) for line in lines), lines
