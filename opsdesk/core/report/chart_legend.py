"""The legend under a PDF chart: one entry per series, reference line, band and signal
kind, then the tests the numbers beside marked points stand for."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Rect

from opsdesk.core.charts import ChartSpec
from opsdesk.core.report import chart_style as cs
from opsdesk.core.report import fonts
from opsdesk.core.report.draw_text import string_shapes, text_width

SIZE = 6.5
ROW = 10.0
SAMPLE = 16.0


@dataclass(frozen=True)
class Entry:
    label: str
    kind: str  # line, band, marker, key (a test's number and meaning, in ``label``)
    role: str
    style: str = "solid"
    marker: str = "none"


def legend_entries(spec: ChartSpec) -> list[Entry]:
    entries: list[Entry] = []
    seen: set[tuple[str, str]] = set()

    def add(entry: Entry) -> None:
        key = (entry.label, entry.role)
        if entry.label and key not in seen:
            seen.add(key)
            entries.append(entry)

    for panel in spec.panels:
        for series in (*panel.series, *panel.y2_series):
            add(Entry(series.name, "line" if series.line else "marker", series.role,
                      series.style, series.marker))
        for bar in panel.bars:
            add(Entry(bar.name, "band", bar.role if bar.role != "neutral" else "zone"))
        for ref in panel.ref_lines:
            # Control limits are labelled on the line; one legend line per role is enough.
            add(Entry(ref.label.split("=")[0].strip(), "line", ref.role, ref.style))
        for band in panel.bands:
            add(Entry(band.label, "band", band.role))
        if panel.markers:
            add(Entry("Signal", "marker", panel.markers[0].role, marker="circle"))
    for number, meaning in spec.keys:
        add(Entry(f"{number}\t{meaning}", "key", "bad"))
    return entries


def _entry_width(entry: Entry) -> float:
    if entry.kind == "key":
        number, meaning = entry.label.split("\t", 1)
        return text_width(number, SIZE, fonts.BOLD) + 3 + text_width(meaning, SIZE) + 10
    return SAMPLE + 3 + text_width(entry.label, SIZE) + 10


def _rows(entries: list[Entry], width: float) -> list[list[Entry]]:
    rows: list[list[Entry]] = [[]]
    used = 0.0
    for entry in entries:
        w = _entry_width(entry)
        if rows[-1] and used + w > width:
            rows.append([])
            used = 0.0
        rows[-1].append(entry)
        used += w
    return rows if rows[0] else []


def legend_height(entries: list[Entry], width: float) -> float:
    rows = _rows(entries, width - 40)
    return len(rows) * ROW + (4 if rows else 0)


def draw_legend(drawing: Drawing, entries: list[Entry], x: float, top: float,
                width: float) -> None:
    label = cs.color(cs.LABEL)
    y = top - ROW + 2
    for row in _rows(entries, width - 40):
        cursor = x + 40
        for entry in row:
            color = cs.role_color(entry.role)
            mid = y + 2.2
            if entry.kind == "key":  # the test's number as beside the points, its meaning
                number, meaning = entry.label.split("\t", 1)
                for shape in string_shapes(cursor, y, number, SIZE, color, font=fonts.BOLD):
                    drawing.add(shape)
                for shape in string_shapes(cursor + text_width(number, SIZE, fonts.BOLD) + 3, y,
                                           meaning, SIZE, label):
                    drawing.add(shape)
                cursor += _entry_width(entry)
                continue
            if entry.kind == "band":
                drawing.add(Rect(cursor, mid - 3, SAMPLE, 6, strokeColor=None,
                                 fillColor=cs.band_fill(entry.role) if entry.role != "data"
                                 else color))
            else:
                if entry.kind == "line":
                    drawing.add(Line(cursor, mid, cursor + SAMPLE, mid, strokeColor=color,
                                     strokeWidth=1.0, strokeDashArray=cs.DASH.get(entry.style)))
                if entry.marker != "none":
                    drawing.add(cs.marker_shape(entry.marker, cursor + SAMPLE / 2, mid, 2.2,
                                                color, color))
            for shape in string_shapes(cursor + SAMPLE + 3, y, entry.label, SIZE, label):
                drawing.add(shape)
            cursor += _entry_width(entry)
        y -= ROW
