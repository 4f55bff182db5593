"""The appendix's definitions reach the client whole: opsdesk's own texts are not cut
like user text in a cell (a definition that ends "judg…" or "Test…" explains nothing),
and the forecast definition names both trends the charts may draw."""

from __future__ import annotations

import re
from io import BytesIO

from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values, pdf_text


def _appendix(workspace) -> str:  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        kpi = add_kpi(conn, "Scrap rate", target=2.0)
        add_values(conn, kpi, [(f"2025-{m:02d}-01", 1.5 + m / 10) for m in range(1, 13)])
    sink = BytesIO()
    build_report(workspace.conn, None, ReportConfig(sections=("appendix",),
                 period_from="2025-01-01", period_to="2025-12-31"), sink=sink)
    return re.sub(r"\s+", " ", pdf_text(sink.getvalue()))


def test_statistics_definitions_are_printed_whole(workspace) -> None:  # type: ignore[no-untyped-def]
    text = _appendix(workspace)
    assert "…" not in text
    assert "A KPI whose direction is not set yet is not judged (no direction)." in text
    # All eight tests, and the sentence after them.
    assert "Test 8: 8 points in a row more than 1σ from the centre line (either side)" in text
    assert "Each KPI uses its rule set (Nelson, Western Electric, AIAG or Montgomery)." in text


def test_forecast_definition_names_the_damped_trend(workspace) -> None:  # type: ignore[no-untyped-def]
    text = _appendix(workspace)
    assert "Holt's linear exponential smoothing" in text
    assert "damped trend (Gardner & McKenzie 1985)" in text
    assert "lower AICc" in text
