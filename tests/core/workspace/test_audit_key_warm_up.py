"""The keyring's backend found in the background while an import reads its sheet."""

from __future__ import annotations

import threading

import pytest

from opsdesk.core.workspace import audit_key


def test_a_key_lookup_waits_for_the_backend_being_found(monkeypatch: pytest.MonkeyPatch) -> None:
    started, release = threading.Event(), threading.Event()
    order: list[str] = []

    def slow_backend() -> None:
        started.set()
        release.wait(5)
        order.append("backend found")

    monkeypatch.setattr(audit_key, "_find_backend", slow_backend)
    monkeypatch.setattr(audit_key, "_warming", None)
    audit_key.warm_up()
    assert started.wait(5)
    audit_key.warm_up()  # once: a second call starts nothing

    def look_up() -> None:
        audit_key._from_keyring("no such workspace")
        order.append("looked up")

    lookup = threading.Thread(target=look_up)
    lookup.start()
    lookup.join(0.1)
    assert order == []  # waiting for the backend
    release.set()
    lookup.join(5)
    assert order == ["backend found", "looked up"]


def test_a_backend_that_fails_to_load_leaves_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    def broken() -> None:
        raise RuntimeError("no D-Bus")

    raised: list[object] = []
    monkeypatch.setattr(keyring, "get_keyring", broken)
    monkeypatch.setattr(threading, "excepthook", raised.append)
    monkeypatch.setattr(audit_key, "_warming", None)
    audit_key.warm_up()
    assert audit_key._warming is not None
    audit_key._warming.join(5)
    assert raised == []  # ended quietly: the lookups that follow fall back
