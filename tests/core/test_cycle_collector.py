"""The cycle collector paused around a burst of allocation, and resumed after."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsdesk.core import cycle_collector


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    yield
    if was:
        gc.enable()
    else:
        gc.disable()


def test_paused_inside_and_resumed_after() -> None:
    gc.enable()
    with cycle_collector.pause():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_resumed_after_an_error() -> None:
    gc.enable()
    with pytest.raises(ValueError), cycle_collector.pause():
        raise ValueError
    assert gc.isenabled()


def test_nested_pauses_resume_at_the_outer_end() -> None:
    gc.enable()
    with cycle_collector.pause():
        with cycle_collector.pause():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_turned_off_elsewhere_stays_off() -> None:
    gc.disable()
    with cycle_collector.pause():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_from_two_threads_resume_when_both_end() -> None:
    gc.enable()
    inside, release = threading.Event(), threading.Event()

    def other() -> None:
        with cycle_collector.pause():
            inside.set()
            release.wait(5)

    thread = threading.Thread(target=other)
    with cycle_collector.pause():
        thread.start()
        assert inside.wait(5)
    assert not gc.isenabled()  # the other thread's pause goes on
    release.set()
    thread.join(5)
    assert gc.isenabled()


def test_the_review_is_built_with_the_collector_paused(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from io import BytesIO

    from opsdesk.core.report import build
    from opsdesk.core.workspace import Workspace

    seen: list[bool] = []
    compose = build._compose

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return compose(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(build, "_compose", watched)
    gc.enable()
    with Workspace.open(tmp_path / "w.opsdesk", create=True) as ws:
        build.build_report(ws.conn, None, sink=BytesIO())
    assert seen == [False]
    assert gc.isenabled()
