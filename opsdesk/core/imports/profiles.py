"""Import profiles: a mapping saved by name, applied to next month's file of the same shape."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.mapping import Mapping
from opsdesk.core.workspace.commands import Applied, Transaction, now_iso
from opsdesk.core.workspace.row_commands import InsertRows, UpdateRow


def names(conn: sqlite3.Connection) -> list[str]:
    return [
        r[0] for r in conn.execute("SELECT name FROM import_profiles ORDER BY name COLLATE NOCASE")
    ]


def load(conn: sqlite3.Connection, name: str) -> Mapping:
    row = conn.execute("SELECT mapping FROM import_profiles WHERE name = ?", (name,)).fetchone()
    if row is None:
        known = names(conn)
        listed = ", ".join(repr(n) for n in known) if known else "none yet"
        raise OpsdeskError(f"There is no import profile named {name!r} (profiles: {listed}).")
    try:
        return Mapping.from_json(row[0])
    except (ValueError, TypeError) as error:
        raise OpsdeskError(f"The import profile {name!r} is damaged ({error}).") from None


@dataclass(frozen=True)
class SaveProfile:
    """Create the profile, or replace the mapping of the one with this name."""

    name: str
    mapping_json: str

    @property
    def title(self) -> str:
        return f"Save import profile {self.name}"

    def apply(self, tx: Transaction) -> Applied[None]:
        name = self.name.strip()
        if not name:
            raise OpsdeskError("An import profile needs a name.")
        row = tx.conn.execute("SELECT id FROM import_profiles WHERE name = ?", (name,)).fetchone()
        now = now_iso()
        if row is None:
            record = {
                "name": name,
                "mapping": self.mapping_json,
                "created_at": now,
                "updated_at": now,
            }
            inserted = InsertRows("import_profiles", (record,), title=self.title).apply(tx)
            return Applied(inserted.inverse, inserted.changes, None)
        values = {"mapping": self.mapping_json, "updated_at": now}
        return UpdateRow("import_profiles", int(row[0]), values, title=self.title).apply(tx)
