"""View › Zoom In/Out/Actual Size, Full Screen and Hide Sidebar, driven by their keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from opsdesk.ui import style
from opsdesk.ui.main_window import MainWindow, settings
from opsdesk.ui.view_controls import STEPS, next_step
from tests.ui.test_screen_fit import demo_window, looks, settle  # noqa: F401 (fixtures)

CTRL = Qt.KeyboardModifier.ControlModifier


def press(window: MainWindow, key: Qt.Key, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(window, key, modifier)
    settle(window)


def chart_fonts(window: MainWindow) -> tuple[float, float]:
    """The tick font of the control chart's first panel, and the font of a rule label."""
    page = window.show_page_by_key("control-charts")
    settle(window)
    plot = page.view.plots[0]
    tick = plot.getAxis("left").style["tickFont"].pointSizeF()
    labels = [t for layout in page.view.label_layouts for t in layout.marks]
    assert labels, "the demo's first chart has signals with rule numbers"
    return tick, labels[0].item.textItem.font().pointSizeF()


def test_steps_go_up_and_down_and_stop_at_the_ends() -> None:
    assert next_step(1.0, 1) == 1.1 and next_step(1.0, -1) == 0.9
    assert next_step(1.2, 1) == 1.25 and next_step(1.2, -1) == 1.1  # between steps
    assert next_step(STEPS[-1], 1) == STEPS[-1] and next_step(STEPS[0], -1) == STEPS[0]


def test_zoom_keys_scale_the_fonts_and_the_charts_and_ctrl_0_resets(
        demo_window: MainWindow) -> None:  # noqa: F811
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.font().pointSizeF()
    assert base == style.BASE_POINT_SIZE
    tick, label = chart_fonts(demo_window)
    assert tick == base and label == base

    press(demo_window, Qt.Key.Key_Plus, CTRL)
    press(demo_window, Qt.Key.Key_Plus, CTRL)
    assert app.font().pointSizeF() == base * 1.25  # 100 % → 110 % → 125 %
    assert f"font-size: {round(20 * 1.25)}px" in app.styleSheet()  # the page titles
    assert chart_fonts(demo_window) == (base * 1.25, base * 1.25)
    assert demo_window.rail.width() == style.rail_width(1.25) > style.RAIL_WIDTH
    assert float(settings().value("zoom")) == 1.25  # type: ignore[arg-type]

    press(demo_window, Qt.Key.Key_Minus, CTRL)
    assert app.font().pointSizeF() == base * 1.1

    press(demo_window, Qt.Key.Key_0, CTRL)
    assert app.font().pointSizeF() == base
    assert chart_fonts(demo_window) == (base, base)
    assert demo_window.rail.width() == style.RAIL_WIDTH


def test_zoom_is_remembered(qtbot: Any, tmp_path: Path, looks: None) -> None:  # noqa: F811
    settings().setValue("zoom", 1.5)
    window = MainWindow()
    qtbot.addWidget(window)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.font().pointSizeF() == style.BASE_POINT_SIZE * 1.5
    assert window.rail.width() == style.rail_width(1.5)


def test_f11_toggles_full_screen(window: MainWindow) -> None:
    assert not window.isFullScreen()
    press(window, Qt.Key.Key_F11)
    assert window.isFullScreen() and window.view_controls.full_screen.isChecked()
    press(window, Qt.Key.Key_F11)
    assert not window.isFullScreen() and not window.view_controls.full_screen.isChecked()


def test_hide_sidebar_hides_the_navigation_and_is_remembered(window: MainWindow,
                                                             qtbot: Any) -> None:
    assert window.navigation.isVisible()
    press(window, Qt.Key.Key_B, CTRL)
    assert not window.navigation.isVisible() and not window.rail.isVisible()
    assert window.view_controls.hide_sidebar.isChecked()
    # The pages are still reached from the View menu, by their keys.
    press(window, Qt.Key.Key_2, CTRL)
    assert window.navigation.currentRow() == 1
    again = MainWindow()
    qtbot.addWidget(again)
    again.show()
    assert not again.rail.isVisible()
    press(window, Qt.Key.Key_B, CTRL)
    assert window.navigation.isVisible()
