"""A stored map to a file, as ``opsdesk map export`` and the Process maps page write it.

BPMN 2.0 XML keeps the step times as stored, with their KPI links; a drawing (PDF, SVG or
PNG) is the map as print shows it (``diagram_file.printed_spec``), its KPI-linked steps
timed from their KPIs, drawn by the review's diagram drawer. A value stream is drawn as
its page and the review show it (``vsm_view.stream_view``: its KPI-fed data boxes, its
own conventions), as a drawing only. The format comes from the
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


def find_any_map(conn: sqlite3.Connection, text: str) -> int:
    """The id of the process map or value stream ``text`` names (its id or its name)."""
    from opsdesk.core.maps.store import find_map, list_maps
    from opsdesk.core.maps.vsm_store import find_stream, list_streams

    wanted = text.strip()
    maps, streams = list_maps(conn), list_streams(conn)

    def names(id_: int, name: str) -> bool:
        return wanted == str(id_) or wanted.casefold() == name.casefold()

    if any(names(m.id, m.name) for m in maps):
        return find_map(conn, text)
    if any(names(s.id, s.name) for s in streams):
        return find_stream(conn, text)
    known = "; ".join([f"{m.id} {m.name}" for m in maps]
                      + [f"{s.id} {s.name} (value stream)" for s in streams])
    raise OpsdeskError(f"There is no map {text!r} (maps: {known or 'the workspace has none'}).")


def _is_stream(conn: sqlite3.Connection, map_id: int) -> bool:
    row = conn.execute("SELECT kind FROM maps WHERE id = ?", (map_id,)).fetchone()
    return row is not None and row[0] == "value_stream"


def export_map(conn: sqlite3.Connection, map_id: int, path: Path) -> None:
    """Write map ``map_id`` (a process map or a value stream) to ``path``."""
    from opsdesk.core import output_file
    from opsdesk.core.maps.store import load_map

    kind = export_kind(path)
    output_file.check_target(path, "map")  # refused before any work
    if _is_stream(conn, map_id):
        _export_stream(conn, map_id, path, kind)
        return
    pmap = load_map(conn, map_id)
    if kind == "bpmn":
        from opsdesk.core.maps.bpmn_export import export_bpmn

        output_file.write_bytes(path, export_bpmn(pmap), "map")
        return
    from opsdesk.core.maps.linked_times import with_kpi_times
    from opsdesk.core.report.diagram_file import printed_spec, write_diagram

    write_diagram(printed_spec(with_kpi_times(conn, pmap)), path)


def _export_stream(conn: sqlite3.Connection, map_id: int, path: Path, kind: str) -> None:
    from opsdesk.core import output_file
    from opsdesk.core.maps.vsm_view import stream_view
    from opsdesk.core.report.diagram_file import SCALE, drawing_bytes
    from opsdesk.core.report.vsm_render import render_vsm

    if kind == "bpmn":
        raise OpsdeskError(f"{path.name}: a value stream is written as .svg, .png or .pdf "
                           "(BPMN holds process maps).")
    diagram = stream_view(conn, map_id).diagram
    data = drawing_bytes(render_vsm(diagram, SCALE), kind, diagram.title, "Value-stream map")
    output_file.write_bytes(path, data, "map")
