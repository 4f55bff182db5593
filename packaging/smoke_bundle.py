"""Smoke test of a built bundle: start it offscreen and run what a user runs first.

``python packaging/smoke_bundle.py dist/opsdesk`` (run by ``make dist``) runs the bundle's
own executable, never the source tree: ``--help``, ``demo``, ``check``, ``report`` and
``shot``, in a fresh user data folder, and checks what each leaves behind. Exit 0 when
all pass; otherwise 1 and one line per failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

Check = Callable[[subprocess.CompletedProcess[str]], str | None]


def run_step(executable: Path, args: list[str], env: dict[str, str], check: Check,
             timeout: float) -> tuple[bool, str]:
    start = time.perf_counter()
    try:
        result = subprocess.run([str(executable), *args], capture_output=True, text=True,
                                env=env, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout:.0f} s"
    seconds = time.perf_counter() - start
    problem = None
    if result.returncode != 0:
        problem = f"exit {result.returncode}"
    elif "Traceback" in result.stderr:
        problem = "a traceback on stderr"
    else:
        problem = check(result)
    if problem:
        detail = (result.stderr or result.stdout).strip().splitlines()[-3:]
        return False, f"{problem} ({seconds:.1f} s): {' | '.join(detail)}"
    return True, f"ok ({seconds:.1f} s)"


def smoke(bundle: Path, timeout: float = 300) -> tuple[int, list[str]]:
    """How many steps passed, and the failures as lines (none when the bundle works)."""
    executable = bundle / "opsdesk"
    if not executable.is_file():
        return 0, [f"{executable} does not exist: build the bundle first (make dist)"]
    with tempfile.TemporaryDirectory(prefix="opsdesk-smoke-") as folder:
        work = Path(folder)
        ws, pdf, shots = work / "demo.opsdesk", work / "review.pdf", work / "shots"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OPSDESK_HOME": str(work / "home")}

        def pngs(_result: subprocess.CompletedProcess[str]) -> str | None:
            files = sorted(shots.glob("*.png"))
            if len(files) < 5 or any(f.read_bytes()[:4] != b"\x89PNG" for f in files):
                return f"{len(files)} PNG files in {shots.name}"
            if Path(f"{ws}.lock").exists():
                return "a workspace lock was left behind"
            return None

        steps: list[tuple[str, list[str], Check]] = [
            ("--help", ["--help"],
             lambda r: None if all(c in r.stdout for c in ("demo", "report", "shot"))
             else "the commands are not listed"),
            ("demo", ["demo", str(ws)],
             lambda r: None if ws.is_file() and ws.stat().st_size > 100_000 and "KPIs" in r.stdout
             else "no demo workspace written"),
            ("check", ["check", str(ws)],
             lambda r: None if "FAIL" not in r.stdout and r.stdout.count("ok ") >= 4
             else "the check did not pass"),
            ("report", ["report", str(ws), "--out", str(pdf)],
             lambda r: None if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-"
             else "no PDF written"),
            ("shot", ["shot", str(ws), "--out", str(shots), "--size", "1280x720"], pngs),
        ]
        failures: list[str] = []
        for name, args, check in steps:
            ok, line = run_step(executable, args, env, check, timeout)
            print(f"{'ok  ' if ok else 'FAIL'}  {name}: {line}", flush=True)
            if not ok:
                failures.append(f"{name}: {line}")
        return len(steps) - len(failures), failures


def main(argv: list[str]) -> int:
    bundle = Path(argv[0] if argv else "dist/opsdesk")
    passed, failures = smoke(bundle)
    print(f"{passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
