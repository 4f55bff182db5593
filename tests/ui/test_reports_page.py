"""The Reports page: template edits are undoable commands, sections tick and reorder, the
preview shows pages rendered from the PDF, export writes the file and remembers where."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from opsdesk.core.report.templates_store import list_templates
from opsdesk.ui.main_window import MainWindow
from tests.core.report.helpers import add_kpi, add_values


def reports_page(window: MainWindow) -> Any:
    ws = window.ctx.workspace
    assert ws is not None
    with ws.transaction() as conn:
        kpi = add_kpi(conn, "Scrap rate", target=3.0)
        add_values(conn, kpi, [("2026-09-10", 4.0), ("2026-10-05", 2.0)])
    page = window.show_page_by_key("reports")
    page.refresh(None)
    return page


def test_first_edit_saves_the_default_template_undoably(window: MainWindow, qtbot: Any) -> None:
    page = reports_page(window)
    ws = window.ctx.workspace
    assert list_templates(ws.conn) == []
    page.form.client.setText("Acme <Ltd>")
    page.form.client.editingFinished.emit()
    qtbot.waitUntil(lambda: len(list_templates(ws.conn)) == 1)
    stored = list_templates(ws.conn)[0]
    assert stored.name == "Operations review" and stored.config.client == "Acme <Ltd>"
    page.form.client.setText("Beta")
    page.form.client.editingFinished.emit()
    qtbot.waitUntil(lambda: list_templates(ws.conn)[0].config.client == "Beta")
    window.ctx.undo_stack.undo()
    assert list_templates(ws.conn)[0].config.client == "Acme <Ltd>"


def test_sections_tick_and_reorder(window: MainWindow, qtbot: Any) -> None:
    page = reports_page(window)
    items = page.sections.list
    assert page.sections.sections()[:3] == ("summary", "goals", "scorecard")
    items.item(0).setCheckState(Qt.CheckState.Unchecked)  # no executive summary
    items.item(1).setCheckState(Qt.CheckState.Unchecked)  # nor the goals
    items.setCurrentRow(3)  # the bowling chart ...
    page.sections.move_current(-1)  # ... before the scorecard
    assert page.sections.sections()[:2] == ("bowling", "scorecard")
    qtbot.waitUntil(lambda: bool(list_templates(window.ctx.workspace.conn)))
    stored = list_templates(window.ctx.workspace.conn)[0]
    assert stored.config.sections[:2] == ("bowling", "scorecard")
    assert "summary" not in stored.config.sections and "goals" not in stored.config.sections


def test_preview_renders_the_first_pages(window: MainWindow, qtbot: Any) -> None:
    page = reports_page(window)
    page.refresh_preview()
    qtbot.waitUntil(lambda: len(page.preview.labels) == 4, timeout=60_000)
    pixmap = page.preview.labels[0].pixmap()
    # A4 is 210 x 297 mm: a 300 px wide page is 424 px tall.
    assert pixmap.width() == 300 and abs(pixmap.height() - 424) <= 1
    assert "of " in page.preview.status.text()


def test_export_writes_the_pdf_and_remembers_the_path(window: MainWindow, qtbot: Any,
                                                       tmp_path: Path) -> None:
    from pypdf import PdfReader

    page = reports_page(window)
    page.form.title.setText("Board pack")
    page.form.title.editingFinished.emit()
    qtbot.waitUntil(lambda: bool(list_templates(window.ctx.workspace.conn)))
    out = tmp_path / "out" / "pack"
    out.parent.mkdir()
    page.export_to(out)
    qtbot.waitUntil(lambda: (tmp_path / "out" / "pack.pdf").exists(), timeout=60_000)
    qtbot.waitUntil(lambda: list_templates(window.ctx.workspace.conn)[0].last_export_path
                    == str(tmp_path / "out" / "pack.pdf"))
    reader = PdfReader(tmp_path / "out" / "pack.pdf")
    assert reader.metadata is not None and reader.metadata.title == "Board pack"
    assert page.open_folder_button.isEnabled()
    assert "Exported" in page.export_label.text()


def test_export_to_a_missing_folder_shows_one_sentence(window: MainWindow, qtbot: Any,
                                                        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = reports_page(window)
    shown: list[str] = []
    monkeypatch.setattr(window.ctx, "show_error", shown.append)
    page.export_to(tmp_path / "missing" / "x.pdf")
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert "does not exist" in shown[0] and "\n" not in shown[0]


def test_export_names_what_the_fonts_cannot_draw(window: MainWindow, qtbot: Any,
                                                 tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    page = reports_page(window)
    with window.ctx.workspace.transaction() as conn:
        kpi = add_kpi(conn, "Team mood 🎉", target=3.0)  # DejaVu Sans has no U+1F389
        add_values(conn, kpi, [("2026-10-05", 2.0)])
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(window.ctx, "show_warning", lambda m, t: shown.append((m, t)))
    page.refresh_preview()  # a preview is no export: no dialog
    qtbot.waitUntil(lambda: len(page.preview.labels) > 0, timeout=60_000)
    assert shown == []
    page.export_to(tmp_path / "pack.pdf")
    qtbot.waitUntil(lambda: bool(shown), timeout=60_000)
    message, title = shown[0]
    assert title == "Characters the PDF cannot show"
    assert message.startswith("1 text has characters that the PDF's fonts cannot draw")
    assert "KPI “Team mood 🎉” (🎉 U+1F389)" in message
