"""Shared fixtures: every test gets its own user data folder and a fresh workspace."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Audit keys go to the fallback key file in each test's own data folder, never to the
# keyring of the machine running the tests.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"

# No network, ever: the guard blocks every socket connect here and, through PYTHONPATH, in
# every Python the tests start (the CLI tests run the real entry point in a subprocess).
NO_NETWORK = Path(__file__).resolve().parent / "no_network"

# Public reference datasets (sources in tests/data/spc/README.md), kept with the tests so
# a clone runs them anywhere.
DATASETS = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="session", autouse=True)
def no_network() -> Iterator[None]:
    """Every socket connect fails for the whole session, in this process and its children."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("no_network", NO_NETWORK / "sitecustomize.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))  # blocks as it loads
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(NO_NETWORK), before) if p)
    yield


@pytest.fixture(scope="session", autouse=True)
def audit_keys(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of audit-trail keys for the session: a workspace made in one test (the
    shared demo file) stays writable and verifiable in the next, as on one machine."""
    folder = tmp_path_factory.mktemp("audit-keys")
    os.environ["OPSDESK_AUDIT_KEYS"] = str(folder)
    return folder


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "edited_outside: the test edits the KPI tables past "
                            "opsdesk on purpose, so its seal is meant to differ")


@pytest.fixture(autouse=True)
def seal_kept_exact(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every write transaction any test runs keeps the incrementally kept seal equal to a
    full recount of the KPI tables: a write the seal did not follow fails here, where it
    happens, not later as a false "changed outside opsdesk"."""
    from opsdesk.core.workspace import audit, audit_seal

    if request.node.get_closest_marker("edited_outside"):
        return

    seal, recount = audit_seal.seal, audit_seal.full

    def checked(conn: sqlite3.Connection) -> None:
        seal(conn)
        record = audit_seal.held(conn)
        assert isinstance(record, audit_seal.Seal)
        key, _ = audit.writing_key(conn)
        for table in audit_seal.TABLES:
            assert record.tables[table] == recount(conn, key, table), (
                f"the seal of {table} drifted")

    monkeypatch.setattr(audit_seal, "seal", checked)


@pytest.fixture(autouse=True)
def opsdesk_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data folder (settings, log, recent files) for each test."""
    home = tmp_path_factory.mktemp("opsdesk-home")
    monkeypatch.setenv("OPSDESK_HOME", str(home))
    return home


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[object]:
    """A fresh, empty workspace, closed after the test."""
    from opsdesk.core.workspace import Workspace

    ws = Workspace.open(tmp_path / "test.opsdesk", create=True)
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace, built once per test session (copy it before writing to it)."""
    from opsdesk.core.demo import write_demo

    path = tmp_path_factory.mktemp("demo") / "demo.opsdesk"
    write_demo(path)
    return path


@pytest.fixture
def demo_workspace(demo_file: Path, tmp_path: Path) -> Iterator[object]:
    """A private, writable copy of the demo workspace."""
    import shutil

    from opsdesk.core.workspace import Workspace

    copy = tmp_path / "demo.opsdesk"
    shutil.copy(demo_file, copy)
    ws = Workspace.open(copy)
    yield ws
    ws.close()
