"""The app refuses in one sentence, before Qt aborts, when an X11 library is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

# The real entry point, with the loader's answer for one library faked: machines differ in
# what they have installed, and the sentence must not depend on it.
SCRIPT = """
import sys
from opsdesk.core import xcb_libraries
real = xcb_libraries.loadable
xcb_libraries.loadable = lambda soname: soname != "libxcb-cursor.so.0" and real(soname)
from opsdesk.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_open_without_libxcb_cursor_says_what_to_install(tmp_path: Path) -> None:
    ws = tmp_path / "w.opsdesk"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(QT_QPA_PLATFORM="xcb", OPSDESK_HOME=str(tmp_path / "home"))
    subprocess.run([sys.executable, "-m", "opsdesk", "new", str(ws)], check=True, env=env)
    result = subprocess.run([sys.executable, "-c", SCRIPT, "open", str(ws)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("opsdesk: The desktop app cannot open"), lines
    assert "libxcb-cursor.so.0" in lines[0] and "install" in lines[0]
