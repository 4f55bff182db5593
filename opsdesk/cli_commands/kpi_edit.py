"""``opsdesk kpi edit`` and ``opsdesk kpi delete``: change or remove a KPI's definition.

Both run one command (``EditKpi``, ``DeleteKpis``): audited with before and after, and
undoable in the app. Deleting a KPI that holds data takes ``--yes``, since its
observations go with it.
"""

from __future__ import annotations

import argparse
from typing import Any

from opsdesk.cli_commands import passwords
from opsdesk.core.errors import OpsdeskError
from opsdesk.core.kpi.definitions import AGGREGATIONS, DIRECTIONS
from opsdesk.core.kpi.periods import FREQUENCIES

EDITABLE = ("direction", "unit", "aggregation", "frequency", "pillar", "owner")


def register(verbs: Any) -> None:
    from pathlib import Path

    edit = verbs.add_parser(
        "edit", help="change a KPI's direction, unit, aggregation, pillar, owner or name",
        description="Change a KPI's definition; only the options given change. Direction "
        "'none' means not known yet: the KPI is judged neither red nor green until it is set.")
    edit.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(edit)
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--direction", choices=DIRECTIONS)
    edit.add_argument("--unit", metavar="U", help="e.g. %%, days, EUR ('' for none)")
    edit.add_argument("--aggregation", choices=AGGREGATIONS)
    edit.add_argument("--frequency", choices=FREQUENCIES)
    edit.add_argument("--pillar", metavar="P")
    edit.add_argument("--owner", metavar="O")
    edit.add_argument("--rename", metavar="NEW", help="give the KPI a new name")
    edit.set_defaults(func=run_edit)

    delete = verbs.add_parser("delete", help="delete a KPI with its targets and data")
    delete.add_argument("workspace", type=Path, metavar="WORKSPACE")
    passwords.add_option(delete)
    delete.add_argument("name", metavar="NAME")
    delete.add_argument("--yes", action="store_true",
                        help="delete it even though it holds observations")
    delete.set_defaults(func=run_delete)


def _open(args: argparse.Namespace) -> Any:
    from opsdesk.core.workspace import Workspace

    return Workspace.open(args.workspace, password=passwords.source(args, args.workspace))


def _shown(value: object) -> str:
    return repr(value) if value in ("", None) else str(value)


def run_edit(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.commands import EditKpi
    from opsdesk.core.kpi.definitions import kpi_by_name

    values: dict[str, Any] = {k: getattr(args, k) for k in EDITABLE if getattr(args, k) is not None}
    if args.rename is not None:
        values["name"] = args.rename
    if not values:
        raise OpsdeskError(
            "Say what to change: --direction, --unit, --aggregation, --frequency, --pillar, "
            "--owner or --rename.")
    with _open(args) as ws:
        kpi = kpi_by_name(ws.conn, args.name)
        ws.execute(EditKpi(kpi.id, values, f"Edit KPI {kpi.name}"))
        after = kpi_by_name(ws.conn, values.get("name", kpi.name))
    changes = [f"{key} {_shown(getattr(kpi, key))} → {_shown(getattr(after, key))}"
               for key in ("name", *EDITABLE) if getattr(kpi, key) != getattr(after, key)]
    print(f"KPI {kpi.name}: " + ("; ".join(changes) if changes else "nothing changed") + ".")
    return 0


def run_delete(args: argparse.Namespace) -> int:
    from opsdesk.core.kpi.commands import DeleteKpis
    from opsdesk.core.kpi.definitions import kpi_by_name

    with _open(args) as ws:
        kpi = kpi_by_name(ws.conn, args.name)
        count = ws.scalar("SELECT count(*) FROM observations WHERE kpi_id = ?", (kpi.id,))
        if count and not args.yes:
            raise OpsdeskError(f"{kpi.name} holds {count:,} observations, which would be "
                               "deleted with it; give --yes to delete them too.")
        ws.execute(DeleteKpis((kpi.id,), f"Delete KPI {kpi.name}"))
    print(f"Deleted KPI {kpi.name}" + (f" and its {count:,} observations." if count else "."))
    return 0
