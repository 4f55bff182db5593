"""Report templates in the workspace (``report_templates``): listing and the commands that
change them. Every change is a command (DESIGN rule 3), so the Reports page can undo it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.workspace.commands import Applied, Transaction, now_iso
from opsdesk.core.workspace.row_commands import DeleteRows, InsertRows, UpdateRow


@dataclass(frozen=True)
class StoredTemplate:
    id: int
    name: str
    config: ReportConfig
    last_export_path: str | None


def list_templates(conn: sqlite3.Connection) -> list[StoredTemplate]:
    rows = conn.execute("SELECT id, name, config, last_export_path FROM report_templates"
                        " ORDER BY name COLLATE NOCASE").fetchall()
    return [StoredTemplate(r[0], r[1], ReportConfig.from_json(r[2]), r[3]) for r in rows]


def find_template(conn: sqlite3.Connection, name: str) -> StoredTemplate:
    """The template called ``name`` (any case), or an error naming the ones there are."""
    templates = list_templates(conn)
    for template in templates:
        if template.name.casefold() == name.casefold():
            return template
    known = ", ".join(t.name for t in templates) or "none are saved"
    raise OpsdeskError(f"There is no report template named {name!r} (templates: {known}).")


def _check_name(conn: sqlite3.Connection, name: str, own_id: int | None) -> str:
    name = name.strip()
    if not name:
        raise OpsdeskError("A report template needs a name.")
    clash = conn.execute("SELECT id FROM report_templates WHERE name = ? COLLATE NOCASE",
                         (name,)).fetchone()
    if clash and clash[0] != own_id:
        raise OpsdeskError(f"A report template named {name!r} already exists.")
    return name


@dataclass(frozen=True)
class SaveReportTemplate:
    """Create a template (``template_id`` None) or replace one's name and settings."""

    name: str
    config: ReportConfig
    template_id: int | None = None
    title: str = "Save report template"

    def apply(self, tx: Transaction) -> Applied[int]:
        """The result is the template's id."""
        name = _check_name(tx.conn, self.name, self.template_id)
        if self.template_id is None:
            row = {"name": name, "config": self.config.to_json(), "created_at": tx.at,
                   "updated_at": tx.at}
            inserted = InsertRows("report_templates", (row,), self.title).apply(tx)
            return Applied(inserted.inverse, inserted.changes, inserted.result[0])
        values = {"name": name, "config": self.config.to_json(), "updated_at": now_iso()}
        updated = UpdateRow("report_templates", self.template_id, values, self.title).apply(tx)
        return Applied(updated.inverse, updated.changes, self.template_id)


@dataclass(frozen=True)
class DeleteReportTemplate:
    template_id: int
    title: str = "Delete report template"

    def apply(self, tx: Transaction) -> Applied[None]:
        return DeleteRows("report_templates", (self.template_id,), self.title).apply(tx)


@dataclass(frozen=True)
class RememberExportPath:
    """Record where a template was last exported, so the next export offers the same."""

    template_id: int
    path: str
    title: str = "Remember export path"

    def apply(self, tx: Transaction) -> Applied[None]:
        return UpdateRow("report_templates", self.template_id,
                         {"last_export_path": self.path}, self.title).apply(tx)
