"""The recent-workspaces list, kept as JSON in the user data folder."""

from __future__ import annotations

import json
from pathlib import Path

from opsdesk.core import paths

LIMIT = 10


def load() -> list[Path]:
    try:
        items = json.loads(paths.recent_files_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(p) for p in items if isinstance(p, str)][:LIMIT]


def add(path: Path) -> list[Path]:
    """Put ``path`` first and save; returns the new list."""
    path = path.absolute()
    items = [path] + [p for p in load() if p != path]
    save(items[:LIMIT])
    return items[:LIMIT]


def remove(path: Path) -> list[Path]:
    items = [p for p in load() if p != path.absolute()]
    save(items)
    return items


def save(items: list[Path]) -> None:
    target = paths.recent_files_file()
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps([str(p) for p in items], indent=1), encoding="utf-8")
    tmp.replace(target)
