"""Build reviews of small hand-made workspaces and read them back with pypdf."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from tests.core.report.helpers import add_kpi, add_values, pdf_text

NAMES = ['<b>Scrap & "Rework"</b>', "نسبة الخردة", "一次合格率", "Délai de livraison – Ørsted"]


@pytest.fixture
def small(workspace):  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        for index, name in enumerate(NAMES):
            kpi = add_kpi(conn, name, target=3.0, owner="Zoë Ångström")
            # October: 2.0 and 3.0 -> mean 2.5 (by hand), under the 3.0 target: on track.
            # September: 4.0 -> 4.0, above 110 % of 3.0 = 3.3: off track.
            add_values(conn, kpi, [("2026-09-10", 4.0 + index), ("2026-10-05", 2.0),
                                   ("2026-10-20", 3.0)])
    return workspace


def _build(ws, config: ReportConfig | None = None, **kw):  # type: ignore[no-untyped-def]
    sink = BytesIO()
    config = config or ReportConfig(title="Review", client="Client SA", author="Author",
                                    period_from="2025-11-01", period_to="2026-10-31")
    result = build_report(ws.conn, None, config, sink=sink, **kw)
    return result, sink.getvalue()


def test_names_print_literally_in_every_script(small) -> None:  # type: ignore[no-untyped-def]
    _result, data = _build(small)
    text = pdf_text(data)
    for name in NAMES:
        assert name in text, name
    assert "Zoë Ångström" in text
    # No markup from the name reached reportlab: the bold tag is text, not a font change.
    assert "<b>" in text


def test_numbers_are_the_period_means(small) -> None:  # type: ignore[no-untyped-def]
    _, data = _build(small)
    text = pdf_text(data)
    assert "2.50" in text  # (2.0 + 3.0) / 2, October, two decimals as the KPI says
    # Status is never colour alone: symbol and word are text in the PDF.
    assert "● On track" in text and "■ Off track" in text
    assert "Of the 4 KPIs in this review" in text


def test_structure_pages_outline_and_metadata(small) -> None:  # type: ignore[no-untyped-def]
    result, data = _build(small)
    reader = PdfReader(BytesIO(data))
    assert len(reader.pages) == result.pages
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles[:3] == ["1  Executive summary", "2  KPI scorecard", "3  Bowling chart"]
    assert titles[-1].endswith("Appendix")
    meta = reader.metadata
    assert meta is not None and meta.title == "Review" and meta.author == "Author"
    text = pdf_text(data)
    assert "Contents" in text and f"Page 2 of {result.pages}" in text
    # The scorecard is a landscape page; the cover portrait A4 (595 x 842 pt).
    first = reader.pages[0].mediabox
    assert (round(float(first.width)), round(float(first.height))) == (595, 842)
    wide = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert wide and "KPI scorecard" in wide[0].extract_text()


def test_letter_paper(small) -> None:  # type: ignore[no-untyped-def]
    config = ReportConfig(paper="letter", sections=("summary",))
    _, data = _build(small, config)
    box = PdfReader(BytesIO(data)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # 8.5 x 11 in


def test_reproducible_builds_are_byte_identical(small, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    _, first = _build(small, reproducible=True)
    _, second = _build(small, reproducible=True)
    assert first == second
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    _, third = _build(small)
    _, fourth = _build(small)
    assert third == fourth
    assert "1 January 2026" in pdf_text(third)


def test_sections_follow_the_template_order(small) -> None:  # type: ignore[no-untyped-def]
    config = ReportConfig(sections=("appendix", "summary"))
    result, data = _build(small, config)
    assert result.sections == ("appendix", "summary")
    titles = [i.title for i in PdfReader(BytesIO(data)).outline if not isinstance(i, list)]
    assert titles == ["1  Appendix", "2  Executive summary"]


def test_empty_workspace_still_builds(workspace) -> None:  # type: ignore[no-untyped-def]
    _result, data = _build(workspace, replace(ReportConfig(), period_from="2026-01-01",
                                              period_to="2026-03-31"))
    assert "holds no KPIs" in pdf_text(data)


def test_unwritable_target_is_refused_before_building(small, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(OpsdeskError, match="does not exist"):
        build_report(small.conn, tmp_path / "missing" / "x.pdf")
    with pytest.raises(OpsdeskError, match="is a folder"):
        build_report(small.conn, tmp_path)


def test_cancel_stops_the_build(small, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from opsdesk.core.errors import Cancelled
    from opsdesk.core.task_state import TaskState

    task = TaskState()
    task.cancel()
    with pytest.raises(Cancelled):
        build_report(small.conn, tmp_path / "x.pdf", task=task)
    assert not (tmp_path / "x.pdf").exists()


def test_cover_logo_is_placed_and_a_bad_one_is_one_sentence(small, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (31, 78, 121)).save(logo)
    _, data = _build(small, ReportConfig(logo=str(logo), sections=("summary",)))
    cover = PdfReader(BytesIO(data)).pages[0]
    assert len(cover.images) == 1
    with pytest.raises(OpsdeskError, match=r"logo .* cannot be read"):
        _build(small, ReportConfig(logo=str(tmp_path / "missing.png")))
    (tmp_path / "fake.png").write_text("not a picture")
    with pytest.raises(OpsdeskError, match="is not an image"):
        _build(small, ReportConfig(logo=str(tmp_path / "fake.png")))
