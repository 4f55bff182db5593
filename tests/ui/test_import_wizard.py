"""The Import wizard and the Imports list, driven as a user would (offscreen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from opsdesk.ui import file_actions
from opsdesk.ui.import_wizard import open_imports_dialog
from opsdesk.ui.import_wizard.wizard import ImportWizard
from opsdesk.ui.shot.wizard_states import wizard_states
from tests.ui.spreadsheets import sample_file


def count(window: Any, table: str = "observations") -> int:
    return int(window.ctx.workspace.scalar(f"SELECT count(*) FROM {table}"))


def open_wizard(qtbot: Any, window: Any, path: Path) -> ImportWizard:
    file_actions.import_file(window, path)  # what File › Import… and a drop call
    wizard = window.findChildren(ImportWizard)[-1]
    qtbot.waitUntil(lambda: wizard.table is not None and not window.ctx.worker.busy)
    return wizard


def to_check_page(qtbot: Any, window: Any, wizard: ImportWizard) -> None:
    wizard.next()  # file -> columns
    assert wizard.pages.currentIndex() == 1
    wizard.next()  # columns -> check (runs on the worker)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2 and not window.ctx.worker.busy)


def test_import_with_problems_then_undo_and_redo(qtbot: Any, window: Any, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    assert "66 rows with data, 5 columns" in wizard.file_page.status.text()
    preview = wizard.preview
    # Title row 1 and blank row 2 skipped: the header is row 3, data starts at row 4.
    assert preview.headerData(0, Qt.Orientation.Vertical) == "4"
    assert preview.headerData(2, Qt.Orientation.Horizontal) == "Value\nnumbers → value"
    assert preview.data(preview.index(0, 2)) == "91%"
    to_check_page(qtbot, window, wizard)
    problems = wizard.check_page.model
    assert [(p.row, p.column, p.reason) for p in problems.rows] == [
        (66, "Value", "not a number"),
        (67, "Date", "not a date"),
    ]
    assert problems.data(problems.index(1, 2)) == "32/03/2024"
    assert not wizard.next_button.isEnabled()  # the default: nothing while problems remain
    wizard.check_page.skip.setChecked(True)
    assert wizard.next_button.isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    # 31 days x 2 KPIs = 62 valid rows; the two faulty rows skipped.
    assert (wizard.summary["rows_imported"], wizard.summary["rows_skipped"]) == (62, 2)
    assert count(window) == 62 and count(window, "kpis") == 2
    window.ctx.undo_stack.undo()
    assert count(window) == 0 and count(window, "kpis") == 0
    window.ctx.undo_stack.redo()
    assert count(window) == 62 and count(window, "kpis") == 2


def test_cancel_while_importing_leaves_nothing(qtbot: Any, window: Any, tmp_path: Path) -> None:
    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    to_check_page(qtbot, window, wizard)
    wizard.check_page.skip.setChecked(True)
    wizard.next()
    wizard.task.cancel()  # before the first batch is written
    qtbot.waitUntil(lambda: not window.ctx.worker.busy)
    assert wizard.summary is None and count(window) == 0 and count(window, "imports") == 0
    assert wizard.next_button.isEnabled()  # the user may try again


def test_wide_file_and_edited_mapping(qtbot: Any, window: Any, tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes("Month;OEE (%);Scrap (%)\nJan 2024;81,5;2,1\nFeb 2024;82;\n".encode("cp1252"))
    wizard = open_wizard(qtbot, window, path)
    assert "semicolon-separated, decimal comma" in wizard.file_page.status.text()
    wizard.next()
    assert wizard.mapping.layout == "wide" and wizard.mapping.kpi_columns == [
        "OEE (%)",
        "Scrap (%)",
    ]
    values = wizard.columns_page.values
    values.item(1).setCheckState(Qt.CheckState.Unchecked)  # leave Scrap out
    assert wizard.mapping.kpi_columns == ["OEE (%)"]
    wizard.next()
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2 and not window.ctx.worker.busy)
    wizard.check_page.remember.setChecked(True)
    wizard.check_page.profile_name.setText("Monthly OEE")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    rows = window.ctx.workspace.rows(
        "SELECT k.name, k.unit, o.ts, o.value FROM observations o"
        " JOIN kpis k ON k.id = o.kpi_id ORDER BY o.ts"
    )
    assert [tuple(r.values()) for r in rows] == [
        ("OEE", "%", "2024-01-01", 81.5),
        ("OEE", "%", "2024-02-01", 82.0),
    ]
    assert window.ctx.workspace.scalar("SELECT name FROM import_profiles") == "Monthly OEE"


def test_unclear_layout_is_settled_on_the_columns_step(
    qtbot: Any, window: Any, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("when,what,how much\n2024-01-01,OEE,80\n", encoding="utf-8")
    wizard = open_wizard(qtbot, window, path)
    assert "no field uses" in wizard.file_page.status.text()
    wizard.next()
    assert not wizard.next_button.isEnabled()
    for field, column in (("date", "when"), ("kpi", "what"), ("value", "how much")):
        wizard.columns_page.combos[field].setCurrentText(column)
    wizard.edit_mapping()
    assert wizard.next_button.isEnabled()


def test_imports_dialog_undoes_a_whole_import(qtbot: Any, window: Any, tmp_path: Path) -> None:
    dialog = open_imports_dialog(window.ctx)
    assert dialog is not None and dialog.stack.currentWidget() is dialog.empty
    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    to_check_page(qtbot, window, wizard)
    wizard.check_page.skip.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    assert dialog.model.rowCount() == 1 and dialog.undo_button.isEnabled()
    assert dialog.model.data(dialog.model.index(0, 4)) == "62"
    dialog.undo_button.click()
    assert count(window) == 0
    assert dialog.model.data(dialog.model.index(0, 8)).startswith("undone")
    assert not dialog.undo_button.isEnabled()


def test_the_wizard_shots_write_nothing(qtbot: Any, window: Any) -> None:
    names = [name for name, _widget in wizard_states(window.ctx)]
    assert names == ["import-1-file", "import-2-columns", "import-3-check",
                     "import-3-check-new-kpis", "import-3-check-changed", "imports-list"]
    assert count(window) == 0 and count(window, "imports") == 0


def test_export_from_the_app_reimports(qtbot: Any, window: Any, tmp_path: Path) -> None:
    from opsdesk.ui.import_wizard import run_export

    wizard = open_wizard(qtbot, window, sample_file(tmp_path))
    to_check_page(qtbot, window, wizard)
    wizard.check_page.skip.setChecked(True)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.summary is not None)
    out = tmp_path / "out.xlsx"
    run_export(window.ctx, out, ("Lead time",))
    qtbot.waitUntil(lambda: out.exists() and not window.ctx.worker.busy)
    again = open_wizard(qtbot, window, out)
    to_check_page(qtbot, window, again)
    prepared = again.prepared
    assert prepared is not None and prepared.problems == [] and prepared.importable == 31
    again.next()  # the export holds the same 31 lead times: all of them duplicates
    qtbot.waitUntil(lambda: again.summary is not None)
    assert (again.summary["rows_imported"], again.summary["duplicates"]) == (0, 31)
