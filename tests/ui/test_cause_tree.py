"""The root-cause tree: its model without a view (groups, nesting, status look, edits as
requests), and the editor on the project detail driven by real clicks and keys, each
gesture one undoable command, the fishbone redrawn from the same rows.

The demo's "Raise OEE on line 2" (``core/demo/improvement.py``) has two confirmed causes
without evidence: "Infeed sensor misreads reflective parts" (Machine, with a four-step
chain) and "No shared micro-stop log between shifts" (Method)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from opsdesk.core.improve.five_whys import Why
from opsdesk.core.improve.root_cause_store import CauseOwner, StoredCause, causes_of
from opsdesk.ui import ask
from opsdesk.ui.improve.cause_model import CAUSE_ID_ROLE, CauseTreeModel
from opsdesk.ui.main_window import MainWindow
from tests.ui.test_project_detail import click, open_oee

SENSOR = "Infeed sensor misreads reflective parts"
LOG = "No shared micro-stop log between shifts"


def _stored() -> list[StoredCause]:
    # causes_of's tree order: a top cause, then what is below it
    return [StoredCause(1, "Method", "Skipped retraining", status="confirmed",
                        evidence="change log"),
            StoredCause(2, "Method", "No owner for retraining", parent_id=1, depth=1),
            StoredCause(3, "Own category", "Vendor late", status="ruled out"),
            StoredCause(4, "Machine", "Camera replaced", chain=(Why("a"), Why("b", "PSI")))]


def test_model_groups_by_category_and_nests_by_parent() -> None:
    model = CauseTreeModel()
    model.set_causes(_stored())
    root = QModelIndex()
    groups = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
    assert groups == ["Machine (1)", "Method (2)", "Own category (1)"]  # 6M first, in order
    method = model.index(1, 0, root)
    skipped = model.index(0, 0, method)
    assert (skipped.data(), skipped.data(CAUSE_ID_ROLE)) == ("Skipped retraining", 1)
    below = model.index(0, 0, skipped)
    assert below.data() == "No owner for retraining"
    assert model.parent(below) == skipped and model.parent(skipped) == method
    assert model.parent(method) == QModelIndex()
    assert model.index(0, 1, skipped).data() == "? open"
    status = model.index(0, 1, method)
    assert status.data() == "✔ confirmed"
    assert status.data(Qt.ItemDataRole.ForegroundRole) == QColor("#1b5e20")
    assert model.index(0, 2, method).data() == "change log"
    ruled = model.index(0, 0, model.index(2, 0, root))
    assert ruled.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(0, 1, ruled.parent()).data() == "✕ ruled out"
    assert model.index_of(2) == below and not model.index_of(99).isValid()


def test_model_edits_come_out_as_requests() -> None:
    model = CauseTreeModel()
    model.set_causes(_stored())
    asked: list[tuple[int, dict[str, Any]]] = []
    model.edit_requested.connect(lambda i, changes: asked.append((i, changes)))
    cause = model.index_of(4)
    group = cause.parent()
    assert model.flags(cause) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, 1, group)) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(group) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(cause, "Camera swapped") is False  # shown once stored
    assert model.setData(cause, " Camera  replaced ") is False  # same text: no request
    assert model.setData(group, "Renamed") is False
    assert asked == [(4, {"cause": "Camera swapped"})]
    assert cause.data() == "Camera replaced"
    model.set_causes(_stored(), editable=False)
    assert not model.flags(model.index_of(4)) & Qt.ItemFlag.ItemIsEditable


def _causes(window: MainWindow) -> list[StoredCause]:
    ws = window.ctx.workspace
    assert ws is not None
    project = ws.conn.execute("SELECT id FROM projects WHERE name = 'Raise OEE on line 2'"
                              ).fetchone()[0]
    return causes_of(ws.conn, CauseOwner("project", project))


def _click_cause(page: Any, text: str, column: int = 0) -> None:
    tree = page.detail.causes
    cause = next(c for c in tree.causes.values() if c.cause == text)
    index = tree.model.index_of(cause.id).siblingAtColumn(column)
    tree.view.scrollTo(index)
    rect = tree.view.visualRect(index)
    assert rect.isValid()
    QTest.mouseClick(tree.view.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())


def _ok(dialog: Any) -> None:
    click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))


def _labels(page: Any) -> list[str]:
    spec = page.detail.fishbone.spec
    return [" ".join(label.lines) for label in spec.labels if label.role == "cause"]


def test_add_a_sub_cause_then_undo(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    assert not tree.buttons["sub"].isEnabled()  # nothing chosen yet
    _click_cause(page, SENSOR)
    assert "Wrong sensor type for new parts" in tree.chain.text()
    click(tree.buttons["sub"])
    dialog = page.edits.causes.dialog
    assert dialog is not None and dialog.isVisible() and not dialog.category.isEnabled()
    QTest.keyClicks(dialog.text, "Glare from chrome housings")
    QTest.keyClicks(dialog.evidence, "photos, shift B")
    _ok(dialog)
    assert not dialog.isVisible()
    added = next(c for c in _causes(demo_window) if c.cause == "Glare from chrome housings")
    assert (added.category, added.depth, added.evidence) == ("Machine", 1, "photos, shift B")
    index = tree.model.index_of(added.id)
    assert index.parent().data() == SENSOR
    assert "Glare from chrome housings" in _labels(page)  # the fishbone drew it too
    assert demo_window.ctx.undo_stack.undoText() == "Add sub-cause"
    demo_window.ctx.undo_stack.undo()
    assert len(_causes(demo_window)) == 2
    assert not tree.model.index_of(added.id).isValid()
    assert "Glare from chrome housings" not in _labels(page)


def test_rule_out_reopen_and_confirm_asks_for_evidence(demo_window: MainWindow,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    _click_cause(page, LOG)
    assert not tree.buttons["confirm"].isEnabled()  # confirmed already
    click(tree.buttons["rule_out"])
    assert next(c for c in _causes(demo_window) if c.cause == LOG).status == "ruled out"
    assert tree.current() is not None and tree.current().status == "ruled out"  # kept chosen
    click(tree.buttons["reopen"])
    assert next(c for c in _causes(demo_window) if c.cause == LOG).status == "open"
    monkeypatch.setattr(ask, "text", lambda *a, **k: None)  # cancelled: nothing changes
    click(tree.buttons["confirm"])
    assert next(c for c in _causes(demo_window) if c.cause == LOG).status == "open"
    monkeypatch.setattr(ask, "text", lambda *a, **k: "stop log shows 41 unlogged stops")
    click(tree.buttons["confirm"])
    stored = next(c for c in _causes(demo_window) if c.cause == LOG)
    assert (stored.status, stored.evidence) == ("confirmed",
                                                "stop log shows 41 unlogged stops")
    assert demo_window.ctx.undo_stack.undoText() == "Confirm cause"
    for _ in range(3):
        demo_window.ctx.undo_stack.undo()
    assert next(c for c in _causes(demo_window) if c.cause == LOG).status == "confirmed"


def test_inline_text_edit_is_a_command(demo_window: MainWindow, qtbot: Any) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    _click_cause(page, LOG)
    QTest.keyClick(tree.view, Qt.Key.Key_F2)
    editor = tree.view.viewport().findChild(QLineEdit)
    assert editor is not None and editor.text() == LOG, tree.view.currentIndex().data()
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, "Micro-stops not logged")
    QTest.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: LOG not in {c.cause for c in _causes(demo_window)})
    assert "Micro-stops not logged" in {c.cause for c in tree.causes.values()}
    assert demo_window.ctx.undo_stack.undoText() == "Edit cause"
    demo_window.ctx.undo_stack.undo()
    assert LOG in {c.cause for c in tree.causes.values()}


def test_delete_takes_the_subtree_and_undo_brings_it_back(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    _click_cause(page, SENSOR)
    click(tree.buttons["sub"])
    dialog = page.edits.causes.dialog
    QTest.keyClicks(dialog.text, "Lens dirty")
    _ok(dialog)
    _click_cause(page, SENSOR)
    click(tree.buttons["delete"])
    assert [c.cause for c in _causes(demo_window)] == [LOG]
    assert _labels(page) == [LOG]  # the fishbone lost both
    demo_window.ctx.undo_stack.undo()
    assert [(c.depth, c.cause) for c in _causes(demo_window)] == [
        (0, SENSOR), (1, "Lens dirty"), (0, LOG)]
    assert [c.cause for c in tree.causes.values()] == [SENSOR, "Lens dirty", LOG]
    assert _labels(page) == [SENSOR, "Lens dirty", LOG]


def test_move_and_edit_the_whys_with_evidence(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    _click_cause(page, SENSOR)
    click(tree.buttons["add"])  # under the chosen cause's category
    dialog = page.edits.causes.dialog
    assert dialog.category.currentText() == "Machine"
    QTest.keyClicks(dialog.text, "Sensor angle drifts")
    _ok(dialog)
    machine = [c.cause for c in _causes(demo_window) if c.category == "Machine"]
    assert machine == [SENSOR, "Sensor angle drifts"]
    _click_cause(page, "Sensor angle drifts")
    assert not tree.buttons["down"].isEnabled()
    click(tree.buttons["up"])
    machine = [c.cause for c in _causes(demo_window) if c.category == "Machine"]
    assert machine == ["Sensor angle drifts", SENSOR]
    _click_cause(page, SENSOR)
    click(tree.buttons["edit"])
    dialog = page.edits.causes.dialog
    assert [a.text() for a, _ in dialog.steps] == [
        "Line stops", "Jam alarm", "Sensor sees glare", "Wrong sensor type for new parts", ""]
    QTest.keyClicks(dialog.steps[1][1], "PLC alarm log, October")
    QTest.keyClicks(dialog.steps[4][0], "No part trial before the change")
    _ok(dialog)
    stored = next(c for c in _causes(demo_window) if c.cause == SENSOR)
    assert stored.chain[1] == Why("Jam alarm", "PLC alarm log, October")
    assert stored.chain[-1] == Why("No part trial before the change", "")
    assert "Jam alarm [PLC alarm log, October]" in tree.chain.text()


def test_read_only_shows_but_does_not_edit(demo_window: MainWindow) -> None:
    page = open_oee(demo_window)
    tree = page.detail.causes
    tree.show_causes(list(tree.causes.values()), "x", read_only=True)
    _click_cause(page, SENSOR)
    assert not any(b.isEnabled() for b in tree.buttons.values())
    assert not tree.model.flags(tree.model.index_of(tree.selected_ids()[0])) \
        & Qt.ItemFlag.ItemIsEditable
