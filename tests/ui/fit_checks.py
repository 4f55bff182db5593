"""Is every control's text fully visible? Measured as the style would draw it.

A control is clipped when its text (with the frame, margins and menu arrow the style adds)
is wider than the control, or when it lies outside the window or, inside a scroll area,
right of the viewport (nobody scrolls sideways to find a button). A table column is shown
when it lies wholly inside the table's viewport and its header and cells fit in it.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTableView,
    QToolButton,
    QWidget,
)

from opsdesk.ui.widgets.elided_label import ElidedLabel

SLACK = 1  # pixels of rounding the measures may differ by


def _text(widget: QWidget) -> str:
    return widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")  # type: ignore[attr-defined]


def needed_width(widget: QWidget) -> int | None:
    """The width the widget needs to show its text whole, or None if it has no text."""
    style = widget.style()
    fm = widget.fontMetrics()
    if isinstance(widget, QComboBox):
        if widget.isEditable() or not widget.currentText():
            return None
        opt = QStyleOptionComboBox()
        widget.initStyleOption(opt)
        text = fm.boundingRect(widget.currentText()).width()  # as QComboBox measures
        icon = widget.itemIcon(widget.currentIndex())
        icon_width = 0 if icon.isNull() else widget.iconSize().width() + 4
        size = QSize(text + icon_width, fm.height())
        return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, opt, size, widget).width()
    if isinstance(widget, QPushButton):
        if not widget.text():
            return None
        # Fusion widens short buttons to 80 px; what matters is the text inside the frame.
        margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, widget)
        frame = 2 * style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, widget)
        width = fm.horizontalAdvance(_text(widget)) + margin + frame
        if not widget.icon().isNull():
            width += widget.iconSize().width() + 4
        if widget.menu() is not None:
            width += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, widget)
        return width
    if isinstance(widget, QToolButton):
        if not widget.text():
            return None
        width = widget.sizeHint().width()
        # An instant-popup menu draws its arrow inside the button, over the text.
        if widget.menu() is not None and (
                widget.popupMode() == QToolButton.ToolButtonPopupMode.InstantPopup):
            width += style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, widget)
        return width
    if isinstance(widget, QAbstractButton):  # check boxes, radio buttons
        return widget.sizeHint().width() if widget.text() else None
    if isinstance(widget, QAbstractSpinBox):  # date edits: the whole date and the arrow
        return widget.sizeHint().width()
    if isinstance(widget, QLabel):
        if isinstance(widget, ElidedLabel) or not widget.text() or widget.wordWrap():
            return None
        return widget.sizeHint().width()
    return None


def _clip_parent(widget: QWidget) -> QWidget:
    """The widget's nearest scroll-area viewport, or its window."""
    parent = widget.parentWidget()
    while parent is not None and not parent.isWindow():
        grand = parent.parentWidget()
        if isinstance(grand, QAbstractScrollArea) and grand.viewport() is parent:
            return parent
        parent = grand
    return widget.window()


def clipped(root: QWidget, *, in_view: bool = True) -> list[str]:
    """One line per visible control under ``root`` whose text does not show whole (and,
    with ``in_view``, that lies outside the window or its scroll area's viewport)."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        name = f"{type(widget).__name__} {_describe(widget)!r}"
        need = needed_width(widget)
        if need is not None and widget.width() + SLACK < need:
            problems.append(f"{name}: {widget.width()} px wide, needs {need}")
        if isinstance(widget, QLabel) and widget.wordWrap() and widget.text():
            height = widget.heightForWidth(widget.width())
            if height > widget.height() + SLACK:
                problems.append(f"{name}: {widget.height()} px high, needs {height}")
        if not in_view or not _describe(widget) or not isinstance(
                widget, QLabel | QAbstractButton | QComboBox | QAbstractSpinBox):
            continue  # a picture, a spacer or a container
        frame = _clip_parent(widget)
        if frame is widget or widget.isWindow():
            continue
        left = widget.mapTo(frame, QPoint(0, 0))
        if left.x() < 0 or left.x() + widget.width() > frame.width() + SLACK:
            problems.append(f"{name}: x {left.x()}..{left.x() + widget.width()} outside "
                            f"0..{frame.width()}")
        scrolled = frame is not widget.window()
        if not scrolled and (left.y() < 0 or left.y() + widget.height() > frame.height() + SLACK):
            problems.append(f"{name}: y {left.y()}..{left.y() + widget.height()} outside "
                            f"0..{frame.height()}")
    return problems


def _describe(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    text = getattr(widget, "text", None)
    return str(text()) if callable(text) else widget.objectName()


def hidden_columns(view: QTableView, whole: tuple[int, ...] = (),
                   shown: tuple[int, ...] = ()) -> list[str]:
    """Columns of ``view`` that are not wholly in view; the ``whole`` ones also too narrow
    for their header or their cells, the ``shown`` ones (their text may elide) narrower
    than a few characters."""
    header = view.horizontalHeader()
    model = view.model()
    width = view.viewport().width()
    few = view.fontMetrics().averageCharWidth() * 6
    problems = []
    for c in (*whole, *shown):
        title = str(model.headerData(c, header.orientation())).replace("\n", " ")
        x, size = header.sectionViewportPosition(c), header.sectionSize(c)
        contents = max(header.sectionSizeFromContents(c).width(), view.sizeHintForColumn(c))
        if header.isSectionHidden(c) or x < 0 or x + size > width + SLACK:
            problems.append(f"{title!r}: x {x}..{x + size} outside 0..{width}")
        elif c in whole and size + SLACK < contents:
            problems.append(f"{title!r}: {size} px, its header and cells need {contents}")
        elif size < min(few, contents):
            problems.append(f"{title!r}: {size} px, not even a few characters")
    return problems
