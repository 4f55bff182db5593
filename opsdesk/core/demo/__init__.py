"""The demo workspace: a fictional manufacturing and services client, Northwind Components.

``write_demo`` runs the seeders in ``SEEDERS`` in order inside one transaction. Each seeder
is ``seed(conn, rng, ctx)``: ``rng`` a seeded numpy Generator (so the demo is the same for a
seed), ``ctx`` a dict the seeders share (``today``, ``kpi_ids`` by name, ...). To extend the
demo, add a module with a seeder and list it here.
"""

from __future__ import annotations

import importlib
import os
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.core import ranges
from opsdesk.core.errors import OpsdeskError

# module names under opsdesk.core.demo, run in this order
SEEDERS: tuple[str, ...] = (
    "kpis", "measurements", "improvement", "kpi_review", "report_templates", "spc_charts",
    "process_maps", "value_streams", "incidents", "worksheets", "strategy", "people",
)

# The demo's "today": fixed so that statuses and screenshots do not drift with the clock.
DEMO_TODAY = date(2026, 11, 20)


def write_demo(path: str | Path, seed: int = 7, replace: bool = False) -> str:
    """Write the demo workspace to ``path``; returns a one-line summary."""
    import numpy as np

    from opsdesk.core.workspace import Workspace
    from opsdesk.core.workspace.commands import now_iso
    from opsdesk.core.workspace.file_check import companions
    from opsdesk.core.workspace.workspace import remove_workspace

    ranges.check_seed(seed, "The demo seed")
    path = Path(os.path.realpath(path))  # a symlink: the file it names
    if path.exists():
        if not replace:
            raise OpsdeskError(f"{path} already exists; choose another name or use --force.")
        remove_workspace(path)  # only an opsdesk workspace that nobody has open
    rng = np.random.default_rng(seed)
    ctx: dict[str, Any] = {"today": DEMO_TODAY, "now": now_iso(), "kpi_ids": {}}
    try:
        with Workspace.open(path, create=True) as ws, ws.transaction() as conn:
            for name in SEEDERS:
                importlib.import_module(f"opsdesk.core.demo.{name}").seed(conn, rng, ctx)
            from opsdesk.core.workspace.commands import Transaction

            Transaction(conn, "Create demo workspace").audit(
                "workspace", None, "summary", after={"demo_seed": seed, "seeders": list(SEEDERS)}
            )
            kpis = conn.execute("SELECT count(*) FROM kpis").fetchone()[0]
            observations = conn.execute("SELECT count(*) FROM observations").fetchone()[0]
    except BaseException:
        # The file is ours, made just now: a demo that failed halfway leaves nothing behind.
        for companion in companions(path):
            companion.unlink(missing_ok=True)
        path.unlink(missing_ok=True)
        raise
    return f"{kpis} KPIs, {observations} observations"
