"""One process map's ``DiagramSpec`` to a file (PDF, SVG or PNG), drawn as the review does.

The drawing is ``diagram_render.render_diagram`` at 0.75 points per diagram unit (BPMN
DI's pixels at 96 per inch), with a margin; it goes out through the same three writers
as a chart (``chart_file``): the PDF by the review's drawer, SVG by reportlab's renderer
with real font families, PNG as that PDF rasterised by PDFium. Written through
``output_file`` (a temporary file renamed into place).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.maps.analysis import Analysis
from opsdesk.core.maps.diagram_spec import DiagramSpec
from opsdesk.core.maps.model import ProcessMap

FORMATS = ("png", "svg", "pdf")
SCALE = 0.75  # points per diagram unit
MARGIN = 12.0
PNG_DPI = 144


def printed_spec(pmap: ProcessMap, analysis: Analysis | None = None) -> DiagramSpec:
    """The map as print shows it: value classes, handoffs and structural problems marked.
    The critical path is left to its table: on paper, where it runs through most of a
    map (every step of a chain), the thick line would hide the handoffs."""
    from dataclasses import replace

    from opsdesk.core.maps.analysis import analyse
    from opsdesk.core.maps.diagram import diagram_spec

    found = analysis or analyse(pmap)
    plain = replace(found, flow=replace(found.flow, critical_path=()))
    return diagram_spec(pmap, analysis=plain)


def diagram_bytes(spec: DiagramSpec, kind: str, dpi: int = PNG_DPI) -> bytes:
    from opsdesk.core.report.diagram_render import render_diagram

    return drawing_bytes(render_diagram(spec, SCALE), kind, spec.title, "Process map", dpi)


def drawing_bytes(inner: Any, kind: str, title: str, subject: str,
                  dpi: int = PNG_DPI) -> bytes:
    """A map's reportlab Drawing with the margin round it, as PNG, SVG or PDF bytes."""
    from reportlab.graphics.shapes import Drawing, Group

    from opsdesk.core.report import chart_file

    framed = Group(*inner.contents)
    framed.transform = (1, 0, 0, 1, MARGIN, MARGIN)
    drawing = Drawing(inner.width + 2 * MARGIN, inner.height + 2 * MARGIN)
    drawing.add(framed)
    if kind == "svg":
        return chart_file.svg_text(drawing, title, subject).encode("utf-8")
    pdf = chart_file.pdf_bytes(drawing, title, subject)
    return pdf if kind == "pdf" else chart_file.png_bytes(pdf, dpi / 72.0)


def write_diagram(spec: DiagramSpec, path: Path, dpi: int = PNG_DPI) -> None:
    """Write ``spec`` to ``path``, its format from the file's suffix."""
    from opsdesk.core import output_file

    kind = path.suffix.lower().lstrip(".")
    if kind not in FORMATS:
        raise OpsdeskError(f"{path.name}: give a file name ending in .png, .svg or .pdf "
                           "for the map.")
    output_file.check_target(path, "map")
    output_file.write_bytes(path, diagram_bytes(spec, kind, dpi), "map")
