"""A stored map to a file, as ``opsdesk map export`` and the Process maps page write it.

BPMN 2.0 XML keeps the step times as stored, with their KPI links; a drawing (PDF, SVG or
PNG) is the map as print shows it (``diagram_file.printed_spec``), its KPI-linked steps
timed from their KPIs, drawn by the review's diagram drawer. The format comes from the
file's suffix; the file is written through ``output_file`` (a temporary file renamed
into place), so a failed export leaves no half file.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from opsdesk.core.errors import OpsdeskError

EXPORTS = ("bpmn", "svg", "png", "pdf")


def export_kind(path: Path) -> str:
    """The format ``path`` asks for (its suffix); one sentence if it is none of ours."""
    kind = path.suffix.lower().lstrip(".")
    if kind not in EXPORTS:
        raise OpsdeskError(f"{path.name}: give a file name ending in .bpmn, .svg, .png or "
                           ".pdf for the map.")
    return kind


def export_map(conn: sqlite3.Connection, map_id: int, path: Path) -> None:
    """Write map ``map_id`` to ``path``."""
    from opsdesk.core import output_file
    from opsdesk.core.maps.store import load_map

    kind = export_kind(path)
    output_file.check_target(path, "map")  # refused before any work
    pmap = load_map(conn, map_id)
    if kind == "bpmn":
        from opsdesk.core.maps.bpmn_export import export_bpmn

        output_file.write_bytes(path, export_bpmn(pmap), "map")
        return
    from opsdesk.core.maps.linked_times import with_kpi_times
    from opsdesk.core.report.diagram_file import printed_spec, write_diagram

    write_diagram(printed_spec(with_kpi_times(conn, pmap)), path)
