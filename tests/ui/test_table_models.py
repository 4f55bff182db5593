"""Every table model in the UI tested without a view (DESIGN.md rule 6): its rows and
headers, the roles it answers, sorting and filtering through its proxy, and edits that
come out as requests or proposals rather than writes.

Expected statuses are the hand-worked ones in kpi_helpers.seed_three (target 100, higher
is better, red below 90: July Red 80, Amber 95, Green 104; June 85, 96, 101)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from opsdesk.core.imports import mapping as maps
from opsdesk.core.imports import plan
from opsdesk.core.imports.history import ImportRecord
from opsdesk.core.imports.kpi_proposals import NewKpi
from opsdesk.core.imports.problems import Problem
from opsdesk.core.kpi.bowling import bowling
from opsdesk.core.kpi.queries import StoredObservation
from opsdesk.core.kpi.scorecard import compute_statuses
from opsdesk.core.spc.capability import capability
from opsdesk.ui.import_wizard.models import ImportsModel, PreviewModel, ProblemsModel
from opsdesk.ui.import_wizard.proposals import ChangedModel, NewKpisModel
from opsdesk.ui.kpis.alerts_panel import AlertsModel
from opsdesk.ui.kpis.bowling_view import BowlingModel
from opsdesk.ui.kpis.observations_model import ObservationsModel
from opsdesk.ui.kpis.rows_model import ID_ROLE, RowsModel
from opsdesk.ui.kpis.scorecard_model import (
    CHANGE_COLUMN,
    KPI_ID_ROLE,
    NAME_COLUMN,
    SPARK_ROLE,
    STATUS_COLUMN,
    STATUS_ROLE,
    VALUE_COLUMN,
    ScorecardModel,
    ScorecardProxy,
)
from opsdesk.ui.spc.indices_model import IndicesModel
from tests.ui.kpi_helpers import REVIEW, seed_three

DISPLAY, EDIT, TIP = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole,
                      Qt.ItemDataRole.ToolTipRole)
ALIGN = Qt.ItemDataRole.TextAlignmentRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


@pytest.fixture(scope="module", autouse=True)
def app() -> QApplication:
    """Colours and fonts need an application; no window is made."""
    instance = QApplication.instance()
    return instance if isinstance(instance, QApplication) else QApplication([])


def column(model: Any, col: int, role: int = DISPLAY) -> list[Any]:
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def headers(model: Any) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


@pytest.fixture
def seeded(workspace: Any) -> tuple[Any, dict[str, int]]:
    return workspace, seed_three(workspace)


def test_scorecard_rows_and_roles(seeded: tuple[Any, dict[str, int]]) -> None:
    ws, ids = seeded
    model = ScorecardModel()
    model.set_statuses(compute_statuses(ws.conn, date.fromisoformat(REVIEW)))
    assert model.rowCount() == 3 and headers(model)[:5] == ["KPI", "Period", "Value",
                                                          "Target", "Status"]
    assert column(model, NAME_COLUMN) == ["Red KPI", "Amber KPI", "Green KPI"]
    assert column(model, STATUS_COLUMN, STATUS_ROLE) == ["red", "amber", "green"]
    assert column(model, NAME_COLUMN, KPI_ID_ROLE) == [ids["Red KPI"], ids["Amber KPI"],
                                                       ids["Green KPI"]]
    assert column(model, VALUE_COLUMN) == ["80.0 %", "95.0 %", "104.0 %"]
    assert column(model, CHANGE_COLUMN) == ["-5.0 pp", "-1.0 pp", "+3.0 pp"]  # against June
    assert model.index(0, VALUE_COLUMN).data(ALIGN) == RIGHT
    assert model.index(0, STATUS_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert model.index(0, NAME_COLUMN).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.index(0, NAME_COLUMN).data(TIP) == "Red KPI"
    assert list(model.index(0, NAME_COLUMN).data(SPARK_ROLE))[-2:] == [85.0, 80.0]
    assert model.index(0, 0, model.index(0, 0)).isValid() is False  # a flat table


def test_scorecard_proxy_sorts_worst_first_and_filters(
        seeded: tuple[Any, dict[str, int]]) -> None:
    ws, _ids = seeded
    model = ScorecardModel()
    model.set_statuses(compute_statuses(ws.conn, date.fromisoformat(REVIEW)))
    proxy = ScorecardProxy()
    proxy.setSourceModel(model)
    proxy.sort(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
    assert column(proxy, NAME_COLUMN) == ["Red KPI", "Amber KPI", "Green KPI"]
    proxy.sort(VALUE_COLUMN, Qt.SortOrder.DescendingOrder)  # by the number, not its text
    assert column(proxy, NAME_COLUMN) == ["Green KPI", "Amber KPI", "Red KPI"]
    proxy.sort(NAME_COLUMN, Qt.SortOrder.AscendingOrder)
    assert column(proxy, NAME_COLUMN) == ["Amber KPI", "Green KPI", "Red KPI"]
    proxy.set_filters(pillar="quality")
    assert column(proxy, NAME_COLUMN) == ["Green KPI", "Red KPI"]
    proxy.set_filters(pillar="quality", owner="Bob")
    assert column(proxy, NAME_COLUMN) == ["Green KPI"]
    proxy.set_filters(status="amber")
    assert column(proxy, NAME_COLUMN) == ["Amber KPI"]
    proxy.set_filters(search="  ANN ")  # the owner, case and spaces aside
    assert column(proxy, NAME_COLUMN) == ["Red KPI"]


def test_bowling_model(seeded: tuple[Any, dict[str, int]]) -> None:
    ws, ids = seeded
    model = BowlingModel()
    model.set_chart(bowling(ws.conn, date.fromisoformat(REVIEW), "monthly"))
    assert model.columnCount() == 12 and model.rowCount() == 3
    assert model.headerData(11, Qt.Orientation.Horizontal) == "2026-07"
    assert model.headerData(0, Qt.Orientation.Vertical) == "Red KPI (%)"
    assert model.index(0, 11).data() == "■ 80.0\n100.0"  # July: actual over target
    assert model.index(0, 10).data() == "■ 85.0\n100.0"  # June, red too (85 < 90)
    assert model.index(1, 11).data() == "▲ 95.0\n100.0"
    assert model.index(0, 11).data(KPI_ID_ROLE) == ids["Red KPI"]
    assert "Red KPI, 2026-07: ■ red" in model.index(0, 11).data(TIP)
    assert model.index(0, 11).data(ALIGN) == int(Qt.AlignmentFlag.AlignCenter)


def test_observations_model_edits_are_requests(qtbot: Any) -> None:
    model = ObservationsModel()
    model.set_rows([StoredObservation(7, "2026-07-10", 80.0, None, "Lyon", None)])
    assert headers(model) == ["Date", "Value", "Subgroup", "Segment", "Note"]
    assert [model.index(0, c).data() for c in range(5)] == ["2026-07-10", "80", "", "Lyon",
                                                           ""]
    assert model.index(0, 1).data(ALIGN) == RIGHT
    editable = [bool(model.flags(model.index(0, c)) & Qt.ItemFlag.ItemIsEditable)
                for c in range(5)]
    assert editable == [True, True, False, False, True]
    assert not model.setData(model.index(0, 1), "80")  # unchanged: nothing asked
    with qtbot.waitSignal(model.edit_requested) as asked:
        assert not model.setData(model.index(0, 1), "92")  # the workspace change redraws
    assert asked.args == [7, "value", "92"]
    assert model.index(0, 1).data() == "80"  # the model holds what the workspace holds


def test_new_kpis_model_edits_the_proposal() -> None:
    model = NewKpisModel()
    kpi = NewKpi("Picking accuracy (%)", unit="%", basis="unknown")
    model.set_rows([kpi])
    assert headers(model)[:3] == ["KPI", "Direction", "Unit"]
    assert model.index(0, 1).data() == "Not set (no status)"
    assert model.index(0, 1).data(EDIT) == "none"
    assert model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # amber
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable  # the name
    assert not model.setData(model.index(0, 1), "sideways")  # not a direction
    assert model.setData(model.index(0, 1), "higher")
    assert (kpi.direction, kpi.basis) == ("higher", "you")
    assert model.index(0, 1).data() == "Higher is better"
    assert model.index(0, 6).data() == "you"


def test_changed_problems_alerts_and_rows_models() -> None:
    changed = ChangedModel()
    changed.set_rows([{"kpi": "OEE", "ts": "2025-03-01T00:00", "segment": "Lyon",
                       "subgroup": None, "before": 81.5, "after": 85.575}])
    assert [changed.index(0, c).data() for c in range(5)] == [
        "OEE", "2025-03-01", "Lyon", "81.5", "85.575"]
    assert changed.index(0, 3).data(ALIGN) == RIGHT

    problems = ProblemsModel()
    problems.set_rows([Problem(66, "Value", "n/a", "not a number"),
                       Problem(None, "", "", "no KPI column")])
    assert headers(problems) == ["Row", "Column", "Value", "Problem"]
    assert column(problems, 0) == ["66", ""] and column(problems, 3, TIP)[0] == "not a number"

    alerts = AlertsModel()
    alerts.set_rows([{"kpi": "OEE", "kind": "red", "period": "2026-07", "message": "<b>x</b>",
                      "raised_at": "2026-08-01T09:30:00", "acknowledged_at": "2026-08-02T10:00",
                      "acknowledged_by": "Ann"}])
    assert [alerts.index(0, c).data() for c in (2, 4, 5)] == [
        "2026-07", "2026-08-01 09:30", "2026-08-02 by Ann"]
    assert alerts.index(0, 3).data(TIP) != "<b>x</b>"  # shown as written, not as markup

    rows = RowsModel((("name", "KPI"), ("count", "Count")), id_key="kpi_id",
                     style=lambda row, key, role: "styled" if role == ALIGN else None)
    rows.set_rows([{"kpi_id": 3, "name": "OEE", "count": None}])
    assert column(rows, 0) == ["OEE"] and column(rows, 1) == [""]
    assert rows.index(0, 0).data(ID_ROLE) == 3 and rows.index(0, 0).data(ALIGN) == "styled"
    rows.set_columns((("name", "KPI"),))
    assert rows.columnCount() == 1 and headers(rows) == ["KPI"]


def test_imports_model() -> None:
    model = ImportsModel()
    model.set_rows([ImportRecord(4, "march.xlsx", "KPI export", "long", 12345, 2, 3,
                                 ("OEE", "Scrap"), "2026-03-04T08:15:30", None)])
    assert [model.index(0, c).data() for c in range(9)] == [
        "2026-03-04 08:15", "march.xlsx", "KPI export", "long", "12,345", "3", "2",
        "OEE, Scrap", "in place"]
    assert model.index(0, 4).data(ALIGN) == RIGHT and model.index(0, 1).data(ALIGN) is None


def test_preview_model(tmp_path: Path) -> None:
    source = tmp_path / "kpis.csv"
    source.write_text("Title line\nDate,KPI,Value\n2026-01-01,OEE,81.5\n2026-01-02,OEE,82\n",
                      encoding="utf-8")
    table = plan.read_table(source, None)
    names, header, mapping = plan.map_table(table, plan.Options())
    model = PreviewModel()
    assert model.rowCount() == 0 and model.headerData(0, Qt.Orientation.Horizontal) is None
    model.load(table, names, header, maps.profile(table, names, header), mapping)
    assert (model.rowCount(), model.columnCount()) == (2, 3)  # the rows under the header
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Value\nnumbers → value"
    assert model.headerData(0, Qt.Orientation.Vertical) == "3"  # the file's own row number
    assert model.headerData(1, Qt.Orientation.Horizontal, TIP) == "Column B of the file"
    assert column(model, 2) == ["81.5", "82"] and model.index(0, 2).data(ALIGN) == RIGHT
    assert model.rowCount(model.index(0, 0)) == 0


def test_indices_model() -> None:
    # tests/core/spc/test_capability.py works these out by hand: mean 10, sigma within 1.5,
    # LSL 4, USL 19: Cp = 15 / 9 = 1.667, Pp = 15 / 12 = 1.250, Cpk = 6 / 4.5 = 1.333.
    data = np.array([7.0, 8.0, 9.0, 10.0, 10.0, 11.0, 12.0, 13.0])
    model = IndicesModel()
    assert model.rowCount() == 0
    model.set_capability(capability(data, 1.5, 4.0, 19.0))
    assert headers(model) == ["", "Within", "Overall"]
    by_name = {model.index(r, 0).data(): (model.index(r, 1).data(), model.index(r, 2).data())
               for r in range(model.rowCount())}
    assert by_name["Cp / Pp"] == ("1.667", "1.250")
    assert by_name["Cpk / Ppk"] == ("1.333", "1.000")
    assert by_name["Mean"] == ("10.00000", "10.00000")
    assert model.index(0, 1).data(ALIGN) == RIGHT and model.index(0, 0).data(ALIGN) is None
    model.set_capability(None)
    assert model.rowCount() == 0
    assert model.index(0, 0, QModelIndex()).isValid() is False
