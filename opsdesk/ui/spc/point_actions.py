"""Point actions of the Control charts page: exclude or include a point (with a reason),
annotate it, start or remove a stage there, set the baseline from a dragged range, and
open an incident from a point that signals. Each is one undoable command."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QInputDialog, QMenu

from opsdesk.core.spc import chart_commands as cmd

if TYPE_CHECKING:
    from opsdesk.core.spc.saved import Computed
    from opsdesk.ui.background_read import BackgroundRead


class PointActions:
    """Mixed into the page, which provides ctx, current, chart_id, view, baseline_button,
    include_read (a BackgroundRead) and _change."""

    ctx: Any
    include_read: BackgroundRead
    current: Computed | None
    chart_id: int | None
    view: Any
    baseline_button: Any
    apply_baseline: Any
    _region: Any

    def _change(self, title: str, **values: object) -> None:  # provided by the page
        raise NotImplementedError

    # -- points --------------------------------------------------------------------
    def _label(self, index: int) -> str:
        assert self.current is not None
        return self.current.result.label(index)

    def exclude(self, index: int, reason: str) -> None:
        if self.chart_id is not None:
            self.ctx.execute(cmd.ExcludePoint(self.chart_id, self._label(index), reason))

    def include(self, index: int) -> None:
        chart_id = self.chart_id
        if chart_id is None:
            return
        label = self._label(index)

        def excluded(conn: sqlite3.Connection) -> int | None:
            from opsdesk.core.spc.saved import exclusion_id

            return exclusion_id(conn, chart_id, label)

        def include_it(exclusion: int | None) -> None:
            if exclusion is not None:
                self.ctx.execute(cmd.IncludePoint(exclusion, label))

        self.include_read.run(excluded, include_it, "finding the point's exclusion")

    def annotate(self, index: int, text: str) -> None:
        if self.chart_id is not None and self.current is not None and text.strip():
            self.ctx.execute(cmd.AnnotatePoint(self.chart_id, self.current.chart.kpi_id,
                                                self._label(index), text))

    def set_baseline(self, first: int, last: int) -> None:
        assert self.current is not None
        labels = self.current.result.labels()[first:last + 1]
        self._change(f"Baseline: points {labels[0]} to {labels[-1]}", baseline=labels)

    def clear_baseline(self) -> None:
        self._change("Clear baseline", baseline=[])

    def start_stage(self, index: int, name: str) -> None:
        assert self.current is not None
        stages = [s for s in self.current.chart.stages if s.get("starts_at") != self._label(index)]
        if not stages:
            stages = [{"label": "Stage 1", "starts_at": self._label(0)}]
        stages.append({"label": name.strip() or f"Stage {len(stages) + 1}",
                       "starts_at": self._label(index)})
        self._change(f"New stage at {self._label(index)}", stages=stages)

    def remove_stage(self, index: int) -> None:
        assert self.current is not None
        stages = [s for s in self.current.chart.stages if s.get("starts_at") != self._label(index)]
        self._change(f"Remove the stage at {self._label(index)}",
                     stages=stages if len(stages) > 1 else [])

    def tests_at(self, index: int) -> tuple[int, ...]:
        """The SPC tests point ``index`` fails, on any panel of the chart."""
        assert self.current is not None
        return tuple(sorted({t for panel in self.current.result.panels
                             for t, failed in panel.failed.items()
                             if index < len(failed) and failed[index]}))

    def open_incident(self, index: int) -> None:
        """An open incident from the signal at point ``index``, linked to the KPI."""
        from opsdesk.core.improve.incident_from_alert import IncidentFromSignal

        if self.current is None:
            return
        applied = self.ctx.execute(IncidentFromSignal(
            self.current.chart.kpi_id, self._label(index), self.tests_at(index)))
        window = self.view.window()
        if applied is not None and hasattr(window, "statusBar"):
            window.statusBar().showMessage(
                "Opened an incident from the signal: it is on the Improvement page's "
                "Incidents tab, to review and correct its times.", 8000)

    def _point_clicked(self, _panel: int, index: int) -> None:
        if self.current is None or self.baseline_button.isChecked():
            return
        self.point_menu(index).exec(QCursor.pos())

    def point_menu(self, index: int) -> QMenu:
        """What can be done with point ``index``."""
        assert self.current is not None
        label = self._label(index)
        menu = QMenu(self.view)
        menu.addSection(f"Point {label}")
        excluded = bool(self.current.result.excluded[index])
        if excluded:
            menu.addAction("Include in the limits", lambda: self.include(index))
        else:
            menu.addAction("Exclude from the limits…", lambda: self._ask_exclude(index))
        menu.addAction("Annotate…", lambda: self._ask_note(index))
        starts = {s.get("starts_at") for s in self.current.chart.stages}
        if label in starts and index > 0:
            menu.addAction("Remove the stage starting here", lambda: self.remove_stage(index))
        elif index > 0:
            menu.addAction("Start a new stage here…", lambda: self._ask_stage(index))
        menu.addAction("Baseline: points up to here", lambda: self.set_baseline(0, index))
        if self.tests_at(index):
            menu.addSeparator()
            menu.addAction("Open an incident from this signal",
                           lambda: self.open_incident(index))
        return menu

    def _ask_exclude(self, index: int) -> None:
        reason, ok = QInputDialog.getText(
            self, "Exclude from the limits",  # type: ignore[arg-type]
            f"Why is point {self._label(index)} left out?")
        if ok:
            self.exclude(index, reason)

    def _ask_note(self, index: int) -> None:
        text, ok = QInputDialog.getText(
            self, "Annotate", f"Note on point {self._label(index)}:")  # type: ignore[arg-type]
        if ok:
            self.annotate(index, text)

    def _ask_stage(self, index: int) -> None:
        name, ok = QInputDialog.getText(
            self, "New stage", "Name of the stage starting here:")  # type: ignore[arg-type]
        if ok:
            self.start_stage(index, name)

    # -- baseline range -----------------------------------------------------------
    def _baseline_toggled(self, on: bool) -> None:
        import pyqtgraph as pg

        self.apply_baseline.setVisible(on)
        if not self.view.plots or self.current is None:
            return
        plot = self.view.plots[0]
        if on:
            x = self.current.x
            span = (float(x[0]), float(x[min(len(x) - 1, max(1, len(x) // 2))]))
            region = pg.LinearRegionItem(values=span, brush=pg.mkBrush(31, 95, 153, 40))
            region.setZValue(30)
            plot.addItem(region)
            self._region = region
        elif self._region is not None:
            plot.removeItem(self._region)
            self._region = None

    def _apply_region(self) -> None:
        if self._region is None or self.current is None:
            return
        lo, hi = self._region.getRegion()
        inside = np.flatnonzero((self.current.x >= lo) & (self.current.x <= hi))
        self.baseline_button.setChecked(False)
        if len(inside):
            self.set_baseline(int(inside[0]), int(inside[-1]))

