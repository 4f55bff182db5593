"""The workspace author: the name the audit trail records for every change.

Without one, the trail records the login name and says that the operating system
reported it (anyone can set ``LOGNAME``). Setting or clearing it is itself a command,
recorded under the name in force before.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.workspace.audit import AUTHOR_SETTING, author
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Transaction

MAX_AUTHOR = 120


@dataclass(frozen=True)
class SetAuthor:
    name: str | None  # None or "": no author, the OS login is recorded again
    title: str = "Set workspace author"

    def apply(self, tx: Transaction) -> Applied[None]:
        name = (self.name or "").strip()
        if len(name) > MAX_AUTHOR or "\n" in name:
            raise OpsdeskError(f"An author is one line of up to {MAX_AUTHOR} characters.")
        before = author(tx.conn)
        if name:
            tx.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (AUTHOR_SETTING, json.dumps(name)))
        else:
            tx.conn.execute("DELETE FROM settings WHERE key = ?", (AUTHOR_SETTING,))
        tx.audit("settings", AUTHOR_SETTING, "update", before={"author": before},
                 after={"author": name or None})
        return Applied(SetAuthor(before), Changes.SETTINGS, None)
