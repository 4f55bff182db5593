"""A demo that fails halfway leaves no file behind (the workspace it made is removed)."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.demo import SEEDERS, write_demo


def test_a_failing_seeder_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    last = importlib.import_module(f"opsdesk.core.demo.{SEEDERS[-1]}")

    def broken(*_args: Any) -> None:
        raise ModuleNotFoundError("No module named 'opsdesk.core.demo.missing'")

    monkeypatch.setattr(last, "seed", broken)
    path = tmp_path / "demo.opsdesk"
    with pytest.raises(ModuleNotFoundError):
        write_demo(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == []
