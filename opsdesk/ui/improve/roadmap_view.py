"""The roadmap drawn: one lane per pillar, a year axis, each goal a diamond on its target
date and each project a bar from its start to its close or due date, as core's
``roadmap`` lays them out (rows within a lane so that none overlap). A goal is coloured
by its status, with the status word in its tooltip; a project bar by its status."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from opsdesk.core.improve.roadmap import Roadmap, RoadmapItem
from opsdesk.ui.kpis.status_look import STRONG

GOAL_LOOK = {"on track": "green", "at risk": "amber", "off track": "red", "no data": "no data"}
PROJECT_COLOUR = {"active": "#3b6fb6", "proposed": "#9aa5b1", "on hold": "#c77700",
                  "done": "#5f8f6b", "cancelled": "#b0b8c1"}
LANE_LABEL = 150   # px for the pillar names
ROW = 30           # px per row of a lane
AXIS = 26          # px for the year labels


def goal_colour(status: str) -> QColor:
    return QColor(STRONG[GOAL_LOOK.get(status, "no data")])


class RoadmapView(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.roadmap: Roadmap | None = None
        self.today: date | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._shapes: list[tuple[QRectF, RoadmapItem]] = []

    def show_roadmap(self, roadmap: Roadmap, today: date) -> None:
        self.roadmap, self.today = roadmap, today
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        lanes = self._layout(max(self.width(), 800)) if self.roadmap else []
        rows = sum(r for _lane, r, _items in lanes) or 3
        return QSize(800, AXIS + rows * ROW + 8 * max(1, len(lanes)) + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(400, self.sizeHint().height())

    def _span(self) -> tuple[date, date]:
        assert self.roadmap is not None and self.roadmap.start and self.roadmap.end
        first = min(self.roadmap.start, self.today or self.roadmap.start)
        last = max(self.roadmap.end, self.today or self.roadmap.end)
        return date(first.year, 1, 1), date(last.year + 1, 1, 1)

    def _x(self, day: date, width: int) -> float:
        first, stop = self._span()
        return LANE_LABEL + max(1, width - LANE_LABEL - 20) * (day - first).days / (
            stop - first).days

    def _extent(self, item: RoadmapItem, width: int) -> tuple[float, float, float, float]:
        """(left, right) of the mark, then of the mark with its label, in pixels."""
        left, right = self._x(item.start, width), self._x(item.end, width)
        label = QFontMetrics(self.font()).horizontalAdvance(item.label) + 6
        if item.kind == "goal":
            left, right = left - 8, left + 8
            if right + 4 + label > width:   # labelled on its left
                return left, right, left - 4 - label, right
            return left, right, left, right + 4 + label
        right = max(right, left + 4)
        if right - left > label:
            return left, right, left, right
        if right + 4 + label > width:
            return left, right, left - 4 - label, right
        return left, right, left, right + 4 + label

    def _layout(self, width: int) -> list[tuple[str, int, list[tuple[RoadmapItem, int]]]]:
        """Per lane: its rows and each item's row, packed so that no mark or label
        overlaps another (greedy by left edge, as core packs by date)."""
        out = []
        assert self.roadmap is not None
        for lane in self.roadmap.lanes:
            ends: list[float] = []
            placed = []
            for item in sorted(lane.items, key=lambda i: self._extent(i, width)[2]):
                _l, _r, low, high = self._extent(item, width)
                row = next((n for n, end in enumerate(ends) if end + 8 < low), len(ends))
                if row == len(ends):
                    ends.append(high)
                else:
                    ends[row] = high
                placed.append((item, row))
            out.append((lane.pillar, max(1, len(ends)), placed))
        return out

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        self._shapes = []
        if self.roadmap is None or not self.roadmap.lanes or self.roadmap.start is None:
            painter.end()
            return
        first, stop = self._span()
        width = self.width()

        def x(day: date) -> float:
            return self._x(day, width)

        grid = QPen(QColor("#d5dbe3"))
        painter.setPen(QColor("#3e4c59"))
        for year in range(first.year, stop.year):
            left, right = x(date(year, 1, 1)), x(date(year + 1, 1, 1))
            painter.drawText(QRectF(left, 0, right - left, AXIS),
                             Qt.AlignmentFlag.AlignCenter, str(year))
        layout = self._layout(width)
        bold = QFont(self.font())
        bold.setBold(True)
        top = AXIS
        for pillar, rows, _placed in layout:  # the lanes, then the years, then the items
            height = rows * ROW + 8
            painter.fillRect(QRectF(0, top, width, height), QColor("#f5f7fa"))
            painter.setPen(QColor("#1f2933"))
            painter.setFont(bold)
            painter.drawText(QRectF(8, top, LANE_LABEL - 12, height),
                             Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap, pillar)
            painter.setPen(grid)
            painter.drawLine(QPointF(0, top + height), QPointF(width, top + height))
            top += height
        painter.setFont(self.font())
        painter.setPen(grid)
        for year in range(first.year, stop.year + 1):
            painter.drawLine(QPointF(x(date(year, 1, 1)), AXIS), QPointF(x(date(year, 1, 1)),
                                                                          top))
        lane_top = AXIS
        for _pillar, rows, placed in layout:
            for item, row in placed:
                self._draw(painter, item, lane_top + 4 + row * ROW, width)
            lane_top += rows * ROW + 8
        if self.today is not None:
            painter.setPen(QPen(QColor("#c62828"), 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x(self.today), AXIS - 4), QPointF(x(self.today), top))
        painter.end()

    def _draw(self, painter: QPainter, item: RoadmapItem, y: float, width: int) -> None:
        left, right, low, high = self._extent(item, width)
        middle = y + ROW / 2 - 2
        if item.kind == "goal":
            centre = (left + right) / 2
            diamond = QPolygonF([QPointF(centre, middle - 8), QPointF(right, middle),
                                 QPointF(centre, middle + 8), QPointF(left, middle)])
            painter.setPen(QPen(QColor("#1f2933"), 1))
            painter.setBrush(goal_colour(item.status))
            painter.drawPolygon(diamond)
            mark = QRectF(left, middle - 8, right - left, 16)
        else:
            mark = QRectF(left, middle - 9, right - left, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(PROJECT_COLOUR.get(item.status, "#3b6fb6")))
            painter.drawRoundedRect(mark, 4, 4)
        inside = item.kind == "project" and (low, high) == (left, right)
        painter.setPen(QColor("#ffffff") if inside else QColor("#1f2933"))
        if inside:
            text = QRectF(left + 4, mark.top(), right - left - 4, mark.height())
        elif low < left:  # on the left of the mark
            text = QRectF(low, mark.top(), left - 4 - low, mark.height())
        else:
            text = QRectF(right + 4, mark.top(), high - right - 4, mark.height())
        painter.drawText(text, Qt.AlignmentFlag.AlignVCenter, item.label)
        self._shapes.append((mark, item))

    def item_at(self, point: QPointF) -> RoadmapItem | None:
        return next((item for shape, item in self._shapes if shape.contains(point)), None)

    def event(self, e: QEvent) -> bool:
        if isinstance(e, QHelpEvent) and e.type() == QEvent.Type.ToolTip:
            item = self.item_at(QPointF(e.pos()))
            if item is None:
                QToolTip.hideText()
            else:
                when = (item.start.isoformat() if item.kind == "goal"
                        else f"{item.start.isoformat()} to {item.end.isoformat()}")
                QToolTip.showText(e.globalPos(), f"{item.label}\n{item.kind}, {when}, "
                                  f"{item.status or 'no status'}; {item.owner or 'no owner'}",
                                  self)
            return True
        return super().event(e)
