"""The default review of the demo workspace: long, charted, and valid."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from opsdesk.core.report.build import build_report
from opsdesk.core.report.templates_store import find_template
from opsdesk.core.workspace import Workspace
from tests.core.report.helpers import pdf_text


def test_default_review_of_the_demo(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        sink = BytesIO()
        result = build_report(ws.conn, None, sink=sink, reproducible=True)
        names = [r[0] for r in ws.conn.execute("SELECT name FROM kpis WHERE archived = 0")]
    data = sink.getvalue()
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == result.pages >= 40
    text = pdf_text(data)
    for name in names:
        assert name in text, name
    outline = [i.title for i in reader.outline if not isinstance(i, list)]
    assert any(t.endswith("Control charts") for t in outline)
    assert "Sigma" in text  # the sigma method is stated under control charts
    # The bowling chart runs over several landscape pages; each repeats the header row.
    bowling = [p.extract_text() for p in reader.pages
               if float(p.mediabox.width) > float(p.mediabox.height)
               and "Actual" in p.extract_text()]
    assert len(bowling) >= 2
    assert all("\nKPI\n" in page for page in bowling)


def test_demo_templates_build(demo_file: Path) -> None:
    with Workspace.open(demo_file, read_only=True) as ws:
        template = find_template(ws.conn, "Quality deep-dive")
        sink = BytesIO()
        result = build_report(ws.conn, None, template.config, sink=sink)
    box = PdfReader(BytesIO(sink.getvalue())).pages[0].mediabox
    assert round(float(box.width)) == 612  # US Letter, as the template says
    assert "capability" in result.sections
