"""The reads behind a gesture run in the pool, never on the GUI thread: the New/Edit KPI
dialog's taken names and KPI, the chart type a KPI's data suggest, the exclusion a point's
include undoes, the target a delete takes away, the import wizard's profiles and the
format Help › About names. Each test spies on the core query and fails if it is called
on the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk.core.imports import profiles
from opsdesk.core.imports.mapping import Mapping
from opsdesk.core.kpi import definitions, queries
from opsdesk.core.kpi.commands import AddKpi, SetTarget
from opsdesk.core.spc import saved
from opsdesk.core.workspace import workspace as workspace_file
from opsdesk.core.workspace.commands import now_iso
from opsdesk.core.workspace.schema import SCHEMA_VERSION
from opsdesk.ui.kpis.kpi_dialog import KpiDialog
from opsdesk.ui.main_window import MainWindow
from tests.ui.test_control_charts_page import chart_row, open_page, seed_piston_rings
from tests.ui.test_import_wizard import open_wizard

pytestmark = pytest.mark.background  # the reads run as in the app


def spy(monkeypatch: pytest.MonkeyPatch, module: object, name: str) -> list[bool]:
    """Replace ``module.name`` with a wrapper that notes, per call, whether it ran on the
    GUI thread (the main thread: the one QApplication lives on)."""
    calls: list[bool] = []
    real: Callable[..., Any] = getattr(module, name)

    def noted(*args: Any, **kwargs: Any) -> Any:
        calls.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, noted)
    return calls


def busy(widget: QWidget) -> bool:
    return widget.cursor().shape() == Qt.CursorShape.BusyCursor


def settle(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ctx.worker.busy, timeout=20_000)


def add_kpi(window: MainWindow, name: str, **values: object) -> int:
    applied = window.ctx.execute(AddKpi({"name": name, **values}))
    assert applied is not None
    return int(applied.result)


def test_the_kpi_dialog_reads_taken_names_and_the_kpi_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kpi_id = add_kpi(window, "Scrap rate", unit="%")
    page = window.show_page_by_key("kpis")
    settle(qtbot, window)
    names = spy(monkeypatch, queries, "kpi_names")
    loads = spy(monkeypatch, definitions, "load_kpis")
    shown: list[KpiDialog] = []
    monkeypatch.setattr(KpiDialog, "exec", lambda dialog: shown.append(dialog) or 0)

    page.new_kpi()  # New KPI…
    assert page.dialog_read.running and busy(page)  # a light busy state meanwhile
    qtbot.waitUntil(lambda: len(shown) == 1)
    assert names == [False]
    assert shown[0].taken == {"scrap rate"}  # still refuses a duplicate name
    assert not busy(page)

    page._run_dialog(kpi_id)  # Edit… on the selected KPI
    qtbot.waitUntil(lambda: len(shown) == 2)
    assert names == [False, False] and loads and not any(loads)
    assert shown[1].name.text() == "Scrap rate" and shown[1].unit.text() == "%"


def test_the_suggested_chart_type_is_read_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    rings = seed_piston_rings(window)
    single = add_kpi(window, "Single values")
    page = open_page(window)
    settle(qtbot, window)
    suggested = spy(monkeypatch, saved, "suggest_type")

    page.new_chart(rings)
    assert page.new_read.running and busy(page)
    qtbot.waitUntil(lambda: page.current is not None)
    settle(qtbot, window)
    assert chart_row(window)["chart_type"] == "xbar-r"  # subgroups of 5 (suggest_type)
    assert suggested and not any(suggested)

    suggested.clear()
    index = page.kpi.findData(single)
    page.kpi.setCurrentIndex(index)
    page.kpi.activated.emit(index)  # the user picks another KPI for the chart
    assert page.kpi_read.running and busy(page)
    qtbot.waitUntil(lambda: chart_row(window)["kpi_id"] == single)
    settle(qtbot, window)
    assert chart_row(window)["chart_type"] == "i-mr"  # no subgroups, no counts: I-MR
    assert suggested and not any(suggested)


def test_including_a_point_finds_its_exclusion_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(window)
    page.new_chart(seed_piston_rings(window))
    qtbot.waitUntil(lambda: page.current is not None)
    page.exclude(3, "gauge dropped")
    qtbot.waitUntil(lambda: page.current is not None and bool(page.current.result.excluded[3]))
    settle(qtbot, window)
    found = spy(monkeypatch, saved, "exclusion_id")

    page.include(3)
    assert page.include_read.running and busy(page)
    qtbot.waitUntil(lambda: page.current is not None and not page.current.result.excluded[3])
    assert found == [False]
    assert window.ctx.workspace is not None
    assert window.ctx.workspace.scalar("SELECT count(*) FROM chart_exclusions") == 0


def test_deleting_a_target_finds_it_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    kpi_id = add_kpi(window, "On-time delivery")
    window.ctx.execute(SetTarget(kpi_id, {"effective_from": "2026-01-01", "target": 95}))
    page = window.show_page_by_key("kpis")
    settle(qtbot, window)
    page.open_kpi(kpi_id)
    detail = page.detail
    assert detail is not None
    qtbot.waitUntil(lambda: detail.targets.count() == 1)  # type: ignore[attr-defined]
    settle(qtbot, window)
    found = spy(monkeypatch, queries, "target_id")

    detail.targets.setCurrentRow(0)  # type: ignore[attr-defined]
    detail.delete_target()  # type: ignore[attr-defined]
    assert detail.target_read.running and busy(detail)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.ctx.workspace is not None and window.ctx.workspace.scalar(
        "SELECT count(*) FROM kpi_targets") == 0)
    assert found == [False]


def test_the_import_wizard_reads_its_profiles_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    only_oee = Mapping(layout="wide", fields={"date": "Month"}, header_row=1,
                       kpi_columns=["OEE (%)"])
    window.ctx.execute(profiles.SaveProfile("OEE only", only_oee.to_json()))
    ws = window.ctx.workspace
    assert ws is not None
    with ws.transaction() as conn:  # a profile another program wrote badly
        conn.execute("INSERT INTO import_profiles (name, mapping, created_at, updated_at)"
                     " VALUES ('Broken', '{', ?, ?)", (now_iso(), now_iso()))
    listed = spy(monkeypatch, profiles, "names")
    loaded = spy(monkeypatch, profiles, "load")
    path = tmp_path / "wide.csv"
    path.write_text("Month,OEE (%),Scrap (%)\nJan 2024,81.5,2.1\nFeb 2024,82,1.9\n",
                    encoding="utf-8")
    wizard = open_wizard(qtbot, window, path)
    choices = wizard.file_page.profile
    assert [choices.itemText(i) for i in range(choices.count())] == [
        "None: suggest a mapping", "Broken", "OEE only"]
    assert listed == [False]
    assert wizard.mapping.kpi_columns == ["OEE (%)", "Scrap (%)"]  # suggested: both

    choices.setCurrentIndex(choices.findData("OEE only"))
    assert wizard.profile_read.running and busy(wizard)
    assert not wizard.next_button.isEnabled()  # not on the old mapping meanwhile
    qtbot.waitUntil(lambda: not wizard.profile_read.running)
    assert loaded == [False]
    assert wizard.mapping.kpi_columns == ["OEE (%)"] and wizard.next_button.isEnabled()

    choices.setCurrentIndex(choices.findData("Broken"))  # told, as before, under the file
    qtbot.waitUntil(lambda: not wizard.profile_read.running)
    assert loaded == [False, False]
    assert "The import profile 'Broken' is damaged" in wizard.file_page.status.text()


def test_about_reads_the_workspace_format_in_the_pool(
    window: MainWindow, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = spy(monkeypatch, workspace_file, "format_version")
    window.show_about()  # Help › About
    qtbot.waitUntil(lambda: bool(window.findChildren(QMessageBox)))
    assert read == [False]
    box = window.findChildren(QMessageBox)[-1]
    assert f"Workspace format: {SCHEMA_VERSION} " in box.text()  # a new file: the newest
    assert not busy(window)
