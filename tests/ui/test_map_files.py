"""The Process maps page's File menu: Import BPMN… and Export (BPMN, SVG, PNG, PDF), with
the file dialog answered by the test."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from opsdesk.core.maps.bpmn_import import read_bpmn
from opsdesk.core.maps.store import list_maps, load_map
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.maps.look import Overlays
from opsdesk.ui.pages.process_maps_page import ProcessMapsPage
from tests.conftest import DATASETS
from tests.ui.test_process_maps_page import open_page, with_order_to_cash

C10 = DATASETS / "bpmn" / "C.1.0-reference.bpmn"
EVENTS = {"start", "end", "intermediate", "boundary", "wait"}  # a timer catch is a wait
GATEWAYS = {"exclusive", "parallel", "inclusive"}


def answer_open(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The open dialog picks ``path``; the titles it was shown with are kept."""
    asked: list[str] = []

    def chosen(parent: object, title: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(title)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(chosen))
    return asked


def answer_save(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    """The save dialog gives ``path``; the names it proposed are kept."""
    proposed: list[str] = []

    def chosen(parent: object, title: str, name: str, filters: str) -> tuple[str, str]:
        proposed.append(name)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(chosen))
    return proposed


def menu_action(page: ProcessMapsPage, text: str) -> None:
    action = next(a for a in page.file_menu.actions() if a.text() == text)
    assert action.isEnabled(), text
    action.trigger()
    page.ctx.worker.wait_until_idle()


def test_import_bpmn_adds_the_map_as_one_undo_step(window: MainWindow, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   nobody_at_the_screen: list[str]) -> None:
    page = open_page(window)
    file = tmp_path / "Team assistant.bpmn"
    shutil.copy(C10, file)
    asked = answer_open(monkeypatch, file)
    menu_action(page, "Import BPMN…")
    assert asked == ["Import a BPMN file"]
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    maps = list_maps(conn)
    assert [m.name for m in maps] == ["Team assistant"]  # the file's name
    assert page.map_id == maps[0].id and page.map_list.currentItem().text() == "Team assistant"
    kinds = Counter(n.kind for n in load_map(conn, maps[0].id).nodes)
    # Read off C.1.0-reference.bpmn (tests/core/maps/test_bpmn_import.py, COUNTS):
    # 9 tasks, 9 events, 3 gateways.
    assert kinds["task"] == 9
    assert sum(kinds[k] for k in EVENTS) == 9
    assert sum(kinds[k] for k in GATEWAYS) == 3
    # its one warning is said (tests/core/maps/test_bpmn_import.py, WARNINGS)
    assert any("<eventBasedGateway>" in said and "exclusive gateway" in said
               for said in nobody_at_the_screen)
    window.ctx.undo_stack.undo()
    assert list_maps(conn) == []


@pytest.mark.parametrize(("body", "sentence"), [
    # the same refusals as tests/core/maps/test_bpmn_import.py
    ('<process id="p"><startEvent id="t"/><task id="t" name="Again"/></process>',
     "Two BPMN elements have the id 't' (a <startEvent> and a <task>); ids must be unique."),
    ('<process id="p"><startEvent id="s"/>'
     '<sequenceFlow id="f1" sourceRef="s" targetRef="nowhere"/></process>',
     "<sequenceFlow> (id f1) goes to 'nowhere', which is not in the file."),
])
def test_a_malformed_file_is_one_sentence_and_writes_nothing(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        nobody_at_the_screen: list[str], body: str, sentence: str) -> None:
    page = with_order_to_cash(window)
    conn = window.ctx.workspace.conn  # type: ignore[union-attr]
    before = list_maps(conn)
    steps = window.ctx.undo_stack.count()
    file = tmp_path / "broken.bpmn"
    file.write_text('<?xml version="1.0" encoding="UTF-8"?><definitions id="d" xmlns='
                    f'"http://www.omg.org/spec/BPMN/20100524/MODEL">{body}</definitions>',
                    encoding="utf-8")
    answer_open(monkeypatch, file)
    menu_action(page, "Import BPMN…")
    assert nobody_at_the_screen == [sentence]
    assert list_maps(conn) == before
    assert window.ctx.undo_stack.count() == steps


def test_export_bpmn_writes_a_file_that_imports_as_the_same_map(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = with_order_to_cash(window)
    out = tmp_path / "otc"  # no suffix typed: the format's is added
    proposed = answer_save(monkeypatch, out)
    menu_action(page, "Export BPMN…")
    assert [Path(p).name for p in proposed] == ["Order to cash.bpmn"]
    written = tmp_path / "otc.bpmn"
    back = read_bpmn(written).map
    shown = page.pmap
    assert shown is not None
    # ids survive a round trip (the issue, "BPMN 2.0 XML")
    assert {n.id: n.label for n in back.nodes} == {n.id: n.label for n in shown.nodes}
    assert {(f.source, f.target) for f in back.flows} == {
        (f.source, f.target) for f in shown.flows}


def test_an_export_that_cannot_be_written_is_one_sentence(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        nobody_at_the_screen: list[str]) -> None:
    page = with_order_to_cash(window)
    answer_save(monkeypatch, tmp_path / "no such folder" / "otc.bpmn")
    menu_action(page, "Export BPMN…")
    assert len(nobody_at_the_screen) == 1
    assert nobody_at_the_screen[0].startswith("The folder ")
    assert nobody_at_the_screen[0].endswith("does not exist, so otc.bpmn cannot be written.")
    assert not (tmp_path / "no such folder").exists()


def test_a_read_only_workspace_imports_nothing_and_still_exports(
        window: MainWindow, tmp_path: Path) -> None:
    page = with_order_to_cash(window)
    window.ctx.workspace.stop_writing("a test")  # type: ignore[union-attr]
    page.refresh(None)
    actions = {a.text(): a.isEnabled() for a in page.file_menu.actions() if a.text()}
    assert not actions["Import BPMN…"]
    assert actions["Export BPMN…"] and actions["Copy as image"]


@pytest.mark.parametrize("kind", ["svg", "png", "pdf"])
def test_a_drawing_is_the_file_opsdesk_map_export_writes(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        kind: str) -> None:
    from opsdesk.cli import main

    page = with_order_to_cash(window)
    ws = window.ctx.workspace
    assert ws is not None and page.map_id is not None
    page.set_overlays(Overlays(critical=True, heat=True))  # the canvas's own, not the file's
    out = tmp_path / f"page.{kind}"
    answer_save(monkeypatch, out)
    menu_action(page, f"Export {kind.upper()}…")
    # the command line, on the same workspace (read-only while the window has it)
    cli = tmp_path / f"cli.{kind}"
    assert main(["map", "export", str(ws.path), str(page.map_id), "--out", str(cli)]) == 0
    assert out.read_bytes() == cli.read_bytes()
    head = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF"}[kind]
    assert out.read_bytes().startswith(head)
    if kind == "svg":  # texts stay text
        assert "Check credit" in out.read_text(encoding="utf-8")


def test_copy_as_image_puts_the_canvas_on_the_clipboard(window: MainWindow) -> None:
    from PySide6.QtGui import QGuiApplication

    page = with_order_to_cash(window)
    QGuiApplication.clipboard().clear()
    menu_action(page, "Copy as image")
    image = QGuiApplication.clipboard().image()
    scene = page.canvas.scene.itemsBoundingRect()
    # drawn at twice the scene's size, with 20 units of margin each side (map_image.SCALE)
    assert (image.width(), image.height()) == (round((scene.width() + 40) * 2),
                                               round((scene.height() + 40) * 2))
