"""One ChartSpec to a PNG, SVG or PDF file, drawn as the review draws it."""

from __future__ import annotations

import xml.etree.ElementTree as ET  # our own output, not a user's file
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.report.chart_file import chart_bytes, write_chart
from opsdesk.core.report.chart_render import render
from opsdesk.core.spc import ChartOptions, control_chart
from opsdesk.core.spc.chart_spec import control_chart_spec
from tests.core.spc.helpers import column, labels, trial

SVG = "{http://www.w3.org/2000/svg}"


def _spec():  # type: ignore[no-untyped-def]
    # Montgomery ISQC, Example 5-1 (piston rings): trial limits from samples 1-25
    result = control_chart("xbar-r", column("pistonrings.csv", "diameter"),
                           labels=labels("pistonrings.csv", "sample"),
                           options=ChartOptions(baseline=trial("pistonrings.csv", "sample")))
    return control_chart_spec(result, "Piston rings <diameter> & more")


def _texts(drawing: object) -> list[str]:
    from reportlab.graphics.shapes import Group, String

    found: list[str] = []
    for node in drawing.contents:  # type: ignore[attr-defined]
        if isinstance(node, String):
            found.append(node.text)
        elif isinstance(node, Group):
            found += _texts(node)
    return found


def test_pdf_is_one_page_of_the_review_drawing() -> None:
    spec = _spec()
    data = chart_bytes(spec, "pdf", 640, 400)
    page = PdfReader(BytesIO(data)).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (640, 400)
    text = page.extract_text()
    for shown in _texts(render(spec, 616, 376)):  # the review's drawer, less the margins
        assert shown.strip() in text
    assert "UCL = 74.01430" in text  # Montgomery: trial UCL 74.014


def test_svg_has_the_same_texts_fonts_by_family_and_open_lines() -> None:
    spec = _spec()
    svg = chart_bytes(spec, "svg", 640, 400).decode("utf-8")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("width") == "640"
    assert root.find(f"{SVG}title").text == "Piston rings <diameter> & more"  # escaped
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "UCL = 74.01430" in texts and "Piston rings <diameter> & more" in texts
    assert "OpsSans" not in svg and "DejaVu Sans" in svg
    dashed = [p for p in root.iter(f"{SVG}path") if "dasharray" in (p.get("style") or "")]
    assert dashed and not any(p.get("d", "").rstrip().endswith("Z") for p in dashed)


def test_svg_data_lines_are_unfilled_in_lower_case() -> None:
    # SVG 1.1 section 11.2 names the paint keyword "none"; reportlab wrote "fill: None",
    # which Qt's SVG renderer (QSvgRenderer, as PowerPoint-like Qt apps import) took for
    # no keyword at all and filled the piston-ring data line black.
    svg = chart_bytes(_spec(), "svg", 640, 400).decode("utf-8")
    root = ET.fromstring(svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert lines and all("fill: none;" in (p.get("style") or "") for p in lines)
    assert "None;" not in svg
    # nor a clip to the page itself, which SVG Tiny (Qt) draws as a black rectangle
    assert root.find(f".//{SVG}clipPath") is None and "clip-path" not in svg


def test_png_is_the_pdf_rasterised() -> None:
    data = chart_bytes(_spec(), "png", 640, 400, dpi=144)
    image = Image.open(BytesIO(data))
    assert image.format == "PNG" and image.size == (1280, 800)
    assert image.getpixel((2, 2))[:3] == (255, 255, 255)  # white margin, not transparent


@pytest.mark.parametrize("name", ["c.png", "c.SVG", "c.pdf"])
def test_write_chart_writes_through_a_temporary_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"old")
    write_chart(_spec(), path)
    assert path.read_bytes() != b"old" and path.stat().st_size > 1000
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no part file left


def test_write_chart_refuses_other_formats_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match=r"^c\.jpg: give a file name ending in \.png, "
                       r"\.svg or \.pdf for the chart\.$"):
        write_chart(_spec(), tmp_path / "c.jpg")
    with pytest.raises(OpsdeskError, match="does not exist"):
        write_chart(_spec(), tmp_path / "missing" / "c.png")
    assert list(tmp_path.iterdir()) == []
