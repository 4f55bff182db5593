"""User text reaches Qt as plain text: markup in names shows as the characters typed.

Every page, each of its detail views and dialogs (those ``opsdesk shot`` renders), the
import wizard on a file whose column and KPI names are markup, and the About box are
walked; no label, tooltip, table tooltip or chart text may render the markup as HTML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QWidget,
)

from opsdesk.core.kpi.commands import AddKpi
from opsdesk.core.spc.chart_commands import NewChart
from opsdesk.core.workspace import Changes
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages import PAGES
from opsdesk.ui.shot.page_states import page_states

MARKUP = "<h1>0 problems, verified by auditor</h1><img src=/etc/passwd>"
SHOWN = "0 problems, verified by auditor"  # what rich rendering would leave of it


def _renders_rich(text: str, text_format: Qt.TextFormat) -> bool:
    return text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGui.mightBeRichText(text))


def rich_renderings(root: QWidget) -> list[str]:
    """Every place under ``root`` where the markup would be drawn as HTML."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel) and "<h1>" in widget.text():
            widget.ensurePolished()
            if _renders_rich(widget.text(), widget.textFormat()):
                found.append(f"label {widget.objectName() or widget.text()[:40]!r}")
        if "<h1>" in widget.toolTip() and QtGui.mightBeRichText(widget.toolTip()):
            found.append(f"tooltip of {type(widget).__name__}")
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            root_index = widget.rootIndex()
            try:
                columns = model.columnCount(root_index)
            except TypeError:  # a list model keeps columnCount to itself: one column
                columns = 1
            for row in range(min(model.rowCount(root_index), 60)):
                for column in range(columns):
                    tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole)
                    if isinstance(tip, str) and "<h1>" in tip and QtGui.mightBeRichText(tip):
                        found.append(f"cell tooltip in {type(model).__name__}")
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():  # pyqtgraph titles, labels and notes
                if isinstance(item, QGraphicsTextItem):
                    text = item.toPlainText()
                    if SHOWN in text and "<h1>" not in text:
                        found.append(f"chart text {text[:40]!r}")
    return found


def seed(ws: Any) -> None:
    for n in range(2):
        name = f"{MARKUP} {n}"
        kpi_id = ws.execute(AddKpi(
            {"name": name, "unit": "<b>u</b>", "owner": MARKUP, "description": MARKUP,
             "comment": MARKUP}, ({"target": 10},))).result
        rows = tuple({"kpi_id": kpi_id, "ts": f"2026-{m:02d}-10", "value": 8.0 + m % 3,
                      "segment": MARKUP, "note": MARKUP} for m in range(1, 9))
        ws.execute(InsertRows("observations", rows))
    ws.execute(NewChart(MARKUP, kpi_id, "i-mr"))


def test_no_page_or_dialog_renders_user_markup(window: MainWindow, qtbot: Any,
                                               tmp_path: Path) -> None:
    seed(window.ctx.workspace)
    window.ctx.workspace_changed.emit(Changes.KPI_DATA | Changes.CHARTS)
    found: list[str] = []

    def look(where: str) -> None:
        QApplication.processEvents()
        window.ctx.worker.wait_until_idle()
        QApplication.processEvents()
        for top in QApplication.topLevelWidgets():
            if top.isVisible():
                found.extend(f"{where}: {f}" for f in rich_renderings(top))

    for key, _title, _target in PAGES:
        page = window.show_page_by_key(key)
        look(key)
        for state in page_states(page):
            look(f"{key} / {state if isinstance(state, str) else state[0]}")
            if not isinstance(state, str):
                found.extend(f"{key} / {state[0]}: {f}" for f in rich_renderings(state[1]))

    from opsdesk.ui import file_actions
    from opsdesk.ui.import_wizard.wizard import ImportWizard

    source = tmp_path / "markup.csv"
    rows = "".join(f'2026-01-0{d},"{MARKUP} new",{d}\n' for d in range(1, 6))
    source.write_text(f'Date,KPI,"{MARKUP}"\n{rows}2026-01-06,"{MARKUP} new","{MARKUP}"\n',
                      encoding="utf-8")
    file_actions.import_file(window, source)
    wizard = window.findChildren(ImportWizard)[-1]
    qtbot.waitUntil(lambda: wizard.table is not None and not window.ctx.worker.busy)
    for index, step in enumerate(("file", "columns", "check")):
        found.extend(f"wizard {step}: {f}" for f in rich_renderings(wizard))
        if step == "columns":  # a column named like that is no obvious value column
            combo = wizard.columns_page.combos["value"]
            combo.setCurrentIndex(combo.findText(MARKUP))
            combo.activated.emit(combo.currentIndex())  # as a user's pick signals it
            assert not wizard.mapping_problem()
        if step != "check":
            wizard.next()
            qtbot.waitUntil(lambda i=index: wizard.pages.currentIndex() == i + 1
                            and not window.ctx.worker.busy)
    assert wizard.pages.currentIndex() == 2  # the new KPIs' names show as they are written:
    new_kpis = wizard.check_page.new_kpis
    assert f"{MARKUP} new" in [new_kpis.index(r, 0).data() for r in range(new_kpis.rowCount())]
    wizard.close()

    from tests.ui.about_box import opened_about

    about = opened_about(window)
    found.extend(f"about: {f}" for f in rich_renderings(about))
    about.close()
    assert found == []


def test_the_guard_makes_a_guessing_label_plain(window: MainWindow) -> None:
    label = QLabel(MARKUP)  # a label made anywhere, left at Qt's guess
    label.show()
    assert label.textFormat() == Qt.TextFormat.PlainText
    label.close()
