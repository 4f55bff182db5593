"""``make bench``: run every ``tests/bench/bench_*.py`` and print its figures.

Each module has ``run() -> list[str]``: lines that give a median next to its floor
(the bare library doing the same work) measured in the same run, and the ratio.
``python -m tests.bench NAME`` runs only the modules whose name contains NAME.
"""

from __future__ import annotations

import compileall
import importlib
import os
import pkgutil
import sys
import time
from pathlib import Path

import opsdesk
import tests.bench as package


def main() -> int:
    wanted = sys.argv[1:]
    # Measure opsdesk as installed: with its bytecode written (pip compiles an install; a
    # checkout writes __pycache__ on first use), also where the environment asks Python not
    # to write any, which would have every fresh process compile each module from source.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    compileall.compile_dir(Path(opsdesk.__file__).parent, quiet=1)
    names = sorted(
        m.name for m in pkgutil.iter_modules(package.__path__) if m.name.startswith("bench_")
    )
    for name in names:
        if wanted and not any(w in name for w in wanted):
            continue
        started = time.perf_counter()
        print(f"== {name}", flush=True)
        for line in importlib.import_module(f"tests.bench.{name}").run():
            print(f"   {line}", flush=True)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
