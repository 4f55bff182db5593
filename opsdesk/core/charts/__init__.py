"""ChartSpec: a renderer-neutral description of every chart (DESIGN.md rule 5)."""

from opsdesk.core.charts.spec import (
    Annotation,
    Axis,
    Band,
    Bar,
    ChartSpec,
    Marker,
    Panel,
    RefLine,
    Series,
)

__all__ = ["Annotation", "Axis", "Band", "Bar", "ChartSpec", "Marker", "Panel", "RefLine", "Series"]
