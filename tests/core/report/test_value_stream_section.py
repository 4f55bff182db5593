"""The review's value-stream section: each map drawn on a landscape page, its figures with
their conventions, and current against future where a pair exists. Expected numbers are
Rother & Shook's Acme Stamping (*Learning to See*, 1999; tests/core/maps/vsm_examples)."""

from __future__ import annotations

from io import BytesIO

from pypdf import PdfReader

from opsdesk.core.maps.vsm_commands import CopyAsFuture, ImportValueStream, ReplaceStream
from opsdesk.core.maps.vsm_model import Inventory, Process, ValueStream
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.report.registry import sections
from opsdesk.core.workspace import Workspace
from tests.core.maps.vsm_examples import acme
from tests.core.report.helpers import pdf_text

ONLY_STREAMS = ReportConfig(sections=("value_streams",))


def _review(workspace: Workspace) -> tuple[PdfReader, str]:
    sink = BytesIO()
    build_report(workspace.conn, None, ONLY_STREAMS, sink=sink, reproducible=True)
    return PdfReader(BytesIO(sink.getvalue())), pdf_text(sink.getvalue())


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_acme_map_then_its_figures_with_the_conventions(workspace: Workspace) -> None:
    workspace.execute(ImportValueStream(acme()))
    reader, text = _review(workspace)
    flat = _flat(text)
    assert "Value streams" in text and "Acme steering bracket (current state)" in flat
    # On the map: the ladder's rungs and totals. 7,000 / 920 = 7.6 days; 23.6 days and
    # 188 s are the book's totals; PCE 188 / (23.62 × 86,400) = 0.0092 %.
    for shown in ("7.6 days", "4.5 days", "Production lead time", "23.6 days", "188 s",
                  "0.0092 %", "Production control", "C/O 60 min", "EPE 10 days"):
        assert shown in flat, shown
    # The figures: takt 55,200 s / 920 = 60 s (LH 92 s, RH 172.5 s); available time a
    # shift 28,800 − 1,200 = 27,600 s = 7.67 h; operators 188 / 60 = 3.13.
    for shown in ("Takt 60 s (LH 92 s, RH 172 s)", "Available time a shift 7.67 h",
                  "Daily demand 920", "3.13 (work content ÷ takt, not rounded)"):
        assert shown in flat, shown
    # Assembly #1's 62 s is over the 60 s takt: the constraint, and a warning.
    assert "Constraint Assembly #1" in flat
    assert "over takt" in flat
    assert "quantity ÷ daily demand (Learning to See)" in flat
    assert "calendar day (24 h)" in flat
    assert "Current against future" not in flat
    body = [p for p in reader.pages if "Production control" in p.extract_text()]
    assert body and all(float(p.mediabox.width) > float(p.mediabox.height) for p in body)


def test_a_current_state_with_its_future_prints_the_comparison(workspace: Workspace
                                                                ) -> None:
    current = workspace.execute(ImportValueStream(acme())).result
    future = workspace.execute(CopyAsFuture(current, "Acme future")).result
    # The future state by hand: coils 2 days, a 1 s press, a supermarket of 1.5 days, a
    # 55 s cell, 2 days of finished goods: 5.5 days and 56 s.
    workspace.execute(ReplaceStream(future, ValueStream(
        "Acme future", acme().customer, acme().supplier, acme().demand, (
            Inventory("Coils", days=2), Process("Stamping", 1),
            Inventory("Supermarket", days=1.5, kind="supermarket"), Process("Cell", 55),
            Inventory("Finished goods", days=2)))))
    _, text = _review(workspace)
    flat = _flat(text)
    assert "Acme future (future state)" in flat
    assert flat.count("Current against future state") == 1  # under the current state only
    # Lead time 23.6 -> 5.5 days: −18.1 days, −77 % (18.12 / 23.62); processing 188 -> 56 s:
    # −132 s, −70 %.
    assert "Production lead time (days) 23.6 days 5.5 days -18.1 days -77% better" in flat
    assert "Processing time (s) 188 s 56 s -132 s -70% better" in flat


def test_no_value_streams_no_section(workspace: Workspace) -> None:
    assert sections()["value_streams"].build  # registered
    _, text = _review(workspace)
    assert "Value streams" not in text


def test_a_heading_says_the_state_once() -> None:
    from opsdesk.core.maps.vsm_store import state_title

    # the future state the page draws from a current one is named "<name> (future)"
    assert state_title("Brackets (future)", "future") == "Brackets (future state)"
    assert state_title("Brackets", "future") == "Brackets (future state)"
    assert state_title("Claims", "current") == "Claims (current state)"
    assert state_title("Next (future)", "current") == "Next (future) (current state)"
