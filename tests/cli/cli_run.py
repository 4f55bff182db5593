"""Running the real ``opsdesk`` entry point in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys


def opsdesk(
    *args: object, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "opsdesk", *map(str, args)],
        capture_output=True, text=True, env=full, timeout=timeout,
    )


def one_line_error(result: subprocess.CompletedProcess[str], code: int = 2) -> str:
    """Assert the promised failure: exit ``code``, one line on stderr, no traceback."""
    assert result.returncode == code, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith("opsdesk"), lines[0]
    return lines[0]
