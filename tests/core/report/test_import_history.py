"""The appendix's import history says which stored values an import replaced (a month a
later version of the file restated), so the client sees what changed since the last
review; an import that was undone replaced nothing."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.imports import corpus


def book(tmp_path: Path, name: str, march: float) -> Path:
    rows = [["Month", "OEE (%)", "Scrap"], [date(2025, 1, 1), 80.0, 2.0],
            [date(2025, 2, 1), 81.0, 2.1], [date(2025, 3, 1), march, 2.2]]
    return corpus.xlsx(tmp_path / name, rows)


def appendix(workspace: Any) -> str:
    from pypdf import PdfReader

    sink = BytesIO()
    build_report(workspace.conn, None, ReportConfig(
        sections=("appendix",), period_from="2025-01-01", period_to="2025-03-31"), sink=sink)
    text = "\n".join(p.extract_text(extraction_mode="layout")
                     for p in PdfReader(BytesIO(sink.getvalue())).pages)
    return re.sub(r"\s+", " ", text)


def test_replaced_values_are_listed(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(ImportObservations(plan.prepare(
        workspace.conn, book(tmp_path, "v1.xlsx", 79.0), plan.Options())))
    prepared = plan.prepare(workspace.conn, book(tmp_path, "v2.xlsx", 83.5), plan.Options())
    applied = workspace.execute(ImportObservations(prepared, update=True))
    text = appendix(workspace)
    assert "Replaced" in text
    assert "v2.xlsx replaced 1 stored value: OEE 2025-03: 79.0 % → 83.5 %." in text
    workspace.execute(applied.inverse)
    text = appendix(workspace)
    assert "replaced 1 stored value" not in text
