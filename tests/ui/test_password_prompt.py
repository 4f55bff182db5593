"""Opening an encrypted workspace in the app: the password prompt, a wrong password, retry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from opsdesk.core.workspace import Workspace, cipher
from opsdesk.core.workspace.copy import copy_workspace
from opsdesk.core.workspace.row_commands import InsertRows
from opsdesk.ui import ask
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.password_dialog import PasswordDialog
from tests.core.workspace.helpers import kpi_row

PASSWORD = "correct horse"
# Long enough that random ciphertext cannot contain it by chance (a 3-byte name can).
NAME = "Overall equipment effectiveness"


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cipher, "KDF_ROUNDS", 1000)  # SQLCipher's 256,000 take 0.2 s a key


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    path = tmp_path / "secret.opsdesk"
    with Workspace.open(path, create=True) as ws:
        ws.execute(InsertRows("kpis", (kpi_row(1, NAME),), title="Add KPI"))
        ws.change_key(cipher.new_key(PASSWORD))
    return path


class Answers:
    """Stands in for the dialog: answers in turn, and records the error each ask showed."""

    def __init__(self, *answers: str | None) -> None:
        self.answers = list(answers)
        self.errors: list[str] = []

    def __call__(self, parent: object, path: Path, error: str = "") -> str | None:
        self.errors.append(error)
        return self.answers.pop(0)


def test_the_dialog_takes_a_hidden_password(qtbot: object) -> None:
    dialog = PasswordDialog(None, Path("<b>plant</b>.opsdesk"), "Wrong password for x.")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    assert dialog.error.isVisible() and dialog.error.text() == "Wrong password for x."
    assert dialog.field.echoMode() == dialog.field.EchoMode.Password
    qtbot.keyClicks(dialog.field, PASSWORD)  # type: ignore[attr-defined]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.password() == PASSWORD


def test_a_wrong_password_asks_again_saying_why(
    window: MainWindow, encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = Answers("Correct horse", PASSWORD)
    monkeypatch.setattr(ask, "password", answers)
    assert window.open_path(encrypted)
    assert answers.errors == ["", "Wrong password for secret.opsdesk."]
    workspace = window.ctx.workspace
    assert workspace is not None and workspace.key is not None and not workspace.read_only
    assert workspace.scalar("SELECT name FROM kpis") == NAME
    assert window.path_label.text().endswith("encrypted")


def test_cancel_opens_nothing_and_keeps_the_open_workspace(
    window: MainWindow, encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = window.ctx.workspace
    monkeypatch.setattr(ask, "password", Answers(None))
    assert not window.open_path(encrypted)
    assert window.ctx.workspace is before


def test_a_locked_encrypted_workspace_opens_read_only_with_one_ask(
    window: MainWindow, encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = Workspace.open(encrypted, password=lambda: PASSWORD)
    try:
        answers = Answers(PASSWORD)
        monkeypatch.setattr(ask, "password", answers)
        assert window.open_path(encrypted)
        assert answers.errors == [""]  # the read-only retry did not ask again
        assert window.ctx.workspace is not None and window.ctx.workspace.read_only
    finally:
        holder.close()


def test_the_shot_needs_the_password_given(
    window: MainWindow, encrypted: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from opsdesk.ui.shot import answer_for_nobody

    answer_for_nobody()  # the conftest's answers are put back after the test
    assert not window.open_path(encrypted)
    assert "secret.opsdesk is encrypted and needs its password." in capsys.readouterr().err


def test_a_saved_copy_of_an_encrypted_workspace_is_encrypted(
    encrypted: Path, tmp_path: Path
) -> None:
    with Workspace.open(encrypted, password=lambda: PASSWORD) as ws:
        target = tmp_path / "copy.opsdesk"
        copy_workspace(ws.conn, ws.path, target, ws.key)
    assert NAME.encode() not in target.read_bytes()
    with Workspace.open(target, password=lambda: PASSWORD) as copy:
        assert copy.scalar("SELECT name FROM kpis") == NAME
