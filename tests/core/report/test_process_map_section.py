"""The review's process-map section: a map on one landscape page when it fits at a
readable size, else an overview and the map over several pages; then its tables."""

from __future__ import annotations

from io import BytesIO
from itertools import pairwise

from pypdf import PdfReader

from opsdesk.core.maps.commands import ImportMap
from opsdesk.core.maps.diagram import diagram_spec
from opsdesk.core.maps.layout import with_layout
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.workspace import Workspace
from tests.core.maps.builders import build, event, order_to_cash, seq, step
from tests.core.report.helpers import pdf_text

ONLY_MAPS = ReportConfig(sections=("process_maps",))


def _review(workspace: Workspace) -> tuple[PdfReader, str]:
    sink = BytesIO()
    build_report(workspace.conn, None, ONLY_MAPS, sink=sink, reproducible=True)
    return PdfReader(BytesIO(sink.getvalue())), pdf_text(sink.getvalue())


def test_a_small_map_on_one_page_then_its_tables(workspace: Workspace) -> None:
    workspace.execute(ImportMap(order_to_cash()))
    reader, text = _review(workspace)
    assert "Process maps" in text and "readable size" not in text
    for caption in ("Per case", "Handoffs", "Rework loops", "Steps", "Work per lane",
                    "SIPOC"):
        assert caption in text, caption
    # builders.order_to_cash by hand: lead time 575 minutes, cost per case 51.
    assert "575 minutes" in text and "51.00" in text
    body = [p for p in reader.pages if "Per case" in p.extract_text()]
    assert body
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in body)


def test_a_long_map_is_tiled_after_an_overview(workspace: Workspace) -> None:
    # A chain of 28 tasks in one lane: 30 columns. layout.py: a column is 100 + 50 wide,
    # the lane starts at 20 + 30 (margin, lane header), and the map is 20 wider than its
    # band: 20 + 30 + 30 * 150 + 20 = 4570 wide, plus the diagram's margin of 20.
    tasks = [step(f"t{i}", f"Task {i}", "lane", proc=5) for i in range(28)]
    ids = ["s", *(t.id for t in tasks), "e"]
    pmap = build([event("s", "start", "lane"), *tasks, event("e", "end", "lane")],
                 [seq(a, b) for a, b in pairwise(ids)], ["lane"])
    assert diagram_spec(with_layout(pmap)).width == 4590
    workspace.execute(ImportMap(pmap))
    _, text = _review(workspace)
    # At 5/9 pt per unit the map is 2550 pt wide; A4 landscape's frame is 841.89 - 2 x 18
    # mm = 739.84 pt. Pages overlap by 24 pt: 1 + ceil((2550 - 739.84) / 715.84) = 4.
    assert "drawn over 4 pages" in text
    assert "column 4 of 4" in text and "column 5 of" not in text
