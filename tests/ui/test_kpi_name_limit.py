"""The app refuses a KPI name the core refuses, with the same sentence."""

from __future__ import annotations

from typing import Any

from opsdesk.ui.kpis.kpi_dialog import KpiDialog


def test_the_kpi_dialog_refuses_a_name_over_120_characters(qtbot: Any) -> None:
    dialog = KpiDialog(None, None, set())
    qtbot.addWidget(dialog)
    dialog.name.setText("N" * 121)
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "at most 120 characters" in dialog.error.text()
    dialog.name.setText("N" * 120)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
