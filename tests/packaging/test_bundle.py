"""The desktop bundle, built from this tree and run as a user runs it (slow: minutes).

Not part of ``make test``; run it with ``pytest -m slow tests/packaging`` (it needs
``pip install -e '.[dist]'``). ``OPSDESK_BUNDLE=dist/opsdesk`` tests a bundle already
built instead of building one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_built_bundle_runs_help_demo_check_report_and_shot(tmp_path: Path) -> None:
    given = os.environ.get("OPSDESK_BUNDLE")
    if given:
        bundle = Path(given)
    else:
        pyinstaller = shutil.which("pyinstaller", path=str(Path(sys.executable).parent))
        if pyinstaller is None:
            pytest.skip("PyInstaller is not installed (pip install -e '.[dist]')")
        subprocess.run([pyinstaller, "--noconfirm", "--log-level", "WARN", "--distpath",
                        str(tmp_path / "dist"), "--workpath", str(tmp_path / "build"),
                        str(ROOT / "packaging" / "opsdesk.spec")], check=True, cwd=tmp_path)
        bundle = tmp_path / "dist" / "opsdesk"
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "smoke_bundle.py"),
                             str(bundle)], capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("5 passed, 0 failed")
