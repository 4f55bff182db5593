"""The chart description that the screen (pyqtgraph) and the PDF (reportlab) both draw.

Core code builds a ``ChartSpec`` from data; it holds no colours of its own beyond
semantic roles (``role`` values below), so each renderer maps roles to its palette and
print stays readable in greyscale (dashes and marker shapes carry meaning too).

X values are floats. For dates, ``Axis.kind == "date"`` and x is a POSIX timestamp in
seconds (UTC); for categories, ``Axis.kind == "category"`` and x is the index into
``Axis.categories``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

# Semantic roles; renderers own the palette.
Role = Literal[
    "data", "secondary", "center", "limit", "zone", "target", "spec", "forecast",
    "good", "warning", "bad", "neutral", "excluded", "fit",
]
LineStyle = Literal["solid", "dash", "dot", "dashdot"]
MarkerShape = Literal["circle", "square", "triangle", "diamond", "cross", "none"]


@dataclass(frozen=True)
class Axis:
    label: str = ""
    kind: Literal["number", "date", "category"] = "number"
    categories: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None


@dataclass(frozen=True)
class Series:
    """A line and/or its points. ``None`` in ``y`` leaves a gap."""

    name: str
    x: Sequence[float]
    y: Sequence[float | None]
    role: Role = "data"
    style: LineStyle = "solid"
    marker: MarkerShape = "circle"
    line: bool = True
    step: bool = False  # draw as steps (limits that change per point or per stage)
    hollow: Sequence[bool] = ()  # per point: drawn hollow (e.g. excluded from limits)


@dataclass(frozen=True)
class RefLine:
    """A horizontal (``value``) or vertical (``at_x``) reference line across the panel."""

    label: str
    value: float | None = None
    at_x: float | None = None
    role: Role = "center"
    style: LineStyle = "solid"


@dataclass(frozen=True)
class Band:
    """A shaded horizontal band (zones, status bands, prediction intervals).

    With ``x`` given, ``low``/``high`` are per-x sequences (an interval that varies);
    otherwise they are single numbers across the panel.
    """

    label: str
    low: float | Sequence[float]
    high: float | Sequence[float]
    role: Role = "zone"
    x: Sequence[float] = ()


@dataclass(frozen=True)
class Marker:
    """A marked point with the reason it is marked (e.g. a run-rule signal)."""

    x: float
    y: float
    reason: str
    role: Role = "bad"
    shape: MarkerShape = "circle"
    text: str = ""  # short label drawn beside the point (rule numbers)


@dataclass(frozen=True)
class Bar:
    """Bars of a histogram or Pareto chart: ``x`` centres, ``width`` each, ``height``."""

    name: str
    x: Sequence[float]
    height: Sequence[float]
    width: float | Sequence[float] = 0.8
    role: Role = "data"


@dataclass(frozen=True)
class Annotation:
    x: float
    text: str
    y: float | None = None  # None: at the top of the panel


@dataclass(frozen=True)
class Panel:
    """One plotting area. A chart has one or more, stacked, sharing the x axis."""

    title: str = ""
    x_axis: Axis = field(default_factory=Axis)
    y_axis: Axis = field(default_factory=Axis)
    series: tuple[Series, ...] = ()
    bars: tuple[Bar, ...] = ()
    ref_lines: tuple[RefLine, ...] = ()
    bands: tuple[Band, ...] = ()
    markers: tuple[Marker, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    y2_axis: Axis | None = None  # right axis (Pareto cumulative percent)
    y2_series: tuple[Series, ...] = ()
    height_ratio: float = 1.0


@dataclass(frozen=True)
class ChartSpec:
    title: str
    panels: tuple[Panel, ...]
    subtitle: str = ""
    notes: tuple[str, ...] = ()  # method statements, e.g. "sigma = R-bar / d2, d2 = 2.326"
    # what the reader must not miss (a likely shift that one set of limits hides)
    warnings: tuple[str, ...] = ()
    # what the short texts beside marked points stand for, a legend of the tests:
    # ("1", "1 point more than 3σ from the centre line"), ...
    keys: tuple[tuple[str, str], ...] = ()
