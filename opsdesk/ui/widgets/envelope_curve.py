"""A PlotDataItem for large finite series that draws, after each zoom or pan, only each
pixel column's min and max (from ``RangeExtremes``) instead of letting pyqtgraph clip
and peak-downsample every visible point on every range change.

The drawn envelope is exact (every column shows the true min and max of its points);
``getOriginalDataset`` still gives the full data, for indices, export and printing.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.PlotDataItem import PlotDataset

from opsdesk.ui.widgets.range_extremes import RangeExtremes


def envelope_fits(x: np.ndarray, y: np.ndarray) -> bool:
    """Whether a series can be drawn as an envelope: finite, x never going back."""
    return bool(len(x) > 1 and np.isfinite(x).all() and np.isfinite(y).all()
                and (np.diff(x) >= 0).all())


class EnvelopeCurve(pg.PlotDataItem):  # type: ignore[misc]
    """Give it full x and y (finite, x non-decreasing); it shows their envelope."""

    def __init__(self, x: np.ndarray, y: np.ndarray, **kwargs: Any) -> None:
        self.extremes = RangeExtremes(x, y)
        self._shown_for: tuple[float, float, float] | None = None
        self._envelope: PlotDataset | None = None
        kwargs.update(connect="all", skipFiniteCheck=True)
        super().__init__(self.extremes.x, self.extremes.y, **kwargs)

    def _view_columns(self) -> tuple[float, float, float] | None:
        """The visible x range and the width of one pixel in x, if in a sized view."""
        view = self.getViewBox()
        if not isinstance(view, pg.ViewBox) or view.width() <= 0:
            return None
        (x0, x1), _ = view.viewRange()
        width = (x1 - x0) / view.width()
        return (x0, x1, width) if width > 0 else None

    def _getDisplayDataset(self) -> PlotDataset | None:
        columns = self._view_columns()
        if columns is None:  # not in a view yet: a cheap placeholder, refreshed on show
            columns = (float(self.extremes.x[0]), float(self.extremes.x[-1]),
                       (float(self.extremes.x[-1] - self.extremes.x[0]) or 1.0) / 1000)
        if self._envelope is None or columns != self._shown_for:
            x, y = self.extremes.envelope(*columns)
            self._envelope = PlotDataset(x, y, True, True, None)
            self._shown_for = columns
        return self._envelope

    def dataBounds(self, ax: int, frac: float = 1.0,
                   orthoRange: Any = None) -> tuple[float | None, float | None]:
        """The whole series' extent (the drawn envelope holds only the view's points, so
        auto-range would never reach past what is shown); in y, of the points within
        ``orthoRange`` when given. Always the full extent (``frac`` 1)."""
        x, y = self.extremes.x, self.extremes.y
        if ax == 0:
            return float(x[0]), float(x[-1])
        start, stop = 0, len(x)
        if orthoRange is not None:
            start = int(np.searchsorted(x, orthoRange[0], side="left"))
            stop = int(np.searchsorted(x, orthoRange[1], side="right"))
            if stop <= start:
                return None, None
        lo, hi = self.extremes.extremes(np.array([start]), np.array([stop]))
        return float(y[lo[0]]), float(y[hi[0]])

    def refresh(self) -> None:
        """Recompute the envelope if the view's range or size has changed."""
        if self._view_columns() != self._shown_for:
            self.updateItems(styleUpdate=False)

    def viewRangeChanged(self, vb: Any = None, ranges: Any = None, changed: Any = None) -> None:
        if changed is None or changed[0]:
            self.refresh()
