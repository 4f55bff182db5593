"""A stored value stream as everyone shows it: its KPI-fed values read, its metrics by
its conventions, its map drawn. The page, the command line and the PDF all call
``stream_view``, so a new month's data moves all three alike with no edit of the map."""

from __future__ import annotations

import dataclasses
import sqlite3
from dataclasses import dataclass
from datetime import date

from opsdesk.core.maps.vsm_diagram import VsmDiagram, vsm_diagram
from opsdesk.core.maps.vsm_links import LinkedStream, resolve_links
from opsdesk.core.maps.vsm_metrics import VsmMetrics, VsmSettings, compute
from opsdesk.core.maps.vsm_store import StoredStream, load_stream


@dataclass(frozen=True)
class StreamView:
    stored: StoredStream
    linked: LinkedStream  # ``linked.stream`` is the stream the metrics and map are of
    metrics: VsmMetrics
    diagram: VsmDiagram


def stream_view(conn: sqlite3.Connection, map_id: int, settings: VsmSettings | None = None,
                as_of: date | None = None) -> StreamView:
    """Value stream ``map_id`` with its links read as of ``as_of`` (default the review
    date) and its metrics by ``settings`` (default the ones kept with the map)."""
    stored = load_stream(conn, map_id)
    linked = resolve_links(conn, stored.stream, as_of)
    m = compute(linked.stream, settings or stored.settings)
    if linked.warnings:
        m = dataclasses.replace(m, warnings=[*linked.warnings, *m.warnings])
    return StreamView(stored, linked, m, vsm_diagram(linked.stream, m, stored.keys, linked))
