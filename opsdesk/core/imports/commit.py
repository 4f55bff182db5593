"""Writing an import: one command, one transaction, undone as a whole.

``ImportObservations`` creates the KPIs the file names for the first time, records the
import, and inserts every new observation; rows the workspace already holds (same KPI,
time, segment, subgroup and source key) with the same value are counted as duplicates and
left alone, so importing a file twice, or a later export that overlaps, adds only what is
new. Rows whose value differs are restated values (``restated.py``): reported, and
replaced only with ``update``. Its inverse, ``UndoImport``, removes the import's
observations and the KPIs it created (unless other data now uses them) and puts replaced
values back; the inverse of that puts everything back, ids included. With
``save_profile`` it also saves the mapping under that name, in the same undo step.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypedDict

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports.header import normalize
from opsdesk.core.imports.plan import Prepared
from opsdesk.core.imports.resolve import existing, is_ratio
from opsdesk.core.imports.restated import Restated, described, replace_values, split_known
from opsdesk.core.kpi.definitions import validate_kpi
from opsdesk.core.workspace import seal_log
from opsdesk.core.workspace.changes import Changes
from opsdesk.core.workspace.commands import Applied, Command, Transaction, now_iso
from opsdesk.core.workspace.row_commands import DeleteRows

CHUNK = 20_000
CHANGES = Changes.OBSERVATIONS | Changes.KPIS | Changes.IMPORTS
_OBS_COLUMNS = (
    "id, kpi_id, ts, value, subgroup, sample_size, segment, note, source_key, import_id, created_at"
)


def observation_rows(
    conn: sqlite3.Connection,
    p: Prepared,
    kpi_ids: dict[str, int],
    units: dict[int, str],
    fresh_ids: Iterable[int] = (),
) -> tuple[list[tuple[Any, ...]], int, list[str], list[Restated]]:
    """The rows to insert, how many the workspace already holds, the rows' columns, and
    the stored observations whose value the file restates.

    Optional columns that are empty in every row are left out: binding NULLs costs, and a
    file without subgroups, notes or keys inserts about 30 % faster without them.
    """
    parsed = p.parsed
    optional: dict[str, list[Any]] = {
        "subgroup": parsed.subgroup,
        "sample_size": parsed.size,
        "segment": parsed.segment,
        "note": parsed.note,
        "source_key": parsed.key,
    }
    present = [name for name, values in optional.items() if values.count(None) < len(values)]
    names = ["kpi_id", "ts", "value", *present]
    columns: list[list[Any]] = [parsed.ts, parsed.value, *(optional[n] for n in present)]
    kpis = parsed.kpi
    if p.excluded:
        keep = [i for i in range(len(parsed)) if i not in p.excluded]
        columns = [[column[i] for i in keep] for column in columns]
        kpis = [kpis[i] for i in keep]
    ids = list(map(kpi_ids.__getitem__, kpis))
    if "%" in parsed.unit:  # "85%" into a ratio KPI is 0.85
        written = [parsed.unit[i] for i in keep] if p.excluded else parsed.unit
        values = columns[1] = list(columns[1])
        for n, unit in enumerate(written):
            if unit == "%" and is_ratio(units.get(ids[n], "")):
                values[n] = values[n] / 100.0
    rows: list[tuple[Any, ...]] = list(zip(ids, *columns, strict=True))
    # KPIs made by this import (or not made yet, in a dry run) hold nothing to compare.
    old = {i for i in set(ids) if i > 0} - set(fresh_ids)
    rows, duplicates, changed = split_known(conn, rows, names, old)
    return rows, duplicates, names, changed


@dataclass(frozen=True)
class Preview:
    """What an import would do, without writing: for a dry run and the wizard's check."""

    rows: int  # observations it would add
    duplicates: int
    changed: list[dict[str, Any]]  # restated values, as the summary gives them


def preview(conn: sqlite3.Connection, p: Prepared) -> Preview:
    ids = dict(p.kpis.ids)
    for n, name in enumerate(p.kpis.new):  # not created: stand-in ids
        ids[name] = -1 - n
    rows, duplicates, _columns, changed = observation_rows(conn, p, ids, p.kpis.units)
    return Preview(len(rows), duplicates, described(conn, changed))


class ImportSummary(TypedDict):
    """What an import did: the CLI prints it (``--json`` as is), the wizard says it."""

    file: str
    sheet: str | None
    layout: str
    rows_read: int
    rows_imported: int
    rows_skipped: int
    duplicates: int
    kpis_created: list[str]
    changed: list[dict[str, Any]]  # restated values, as ``restated.described`` gives them
    updated: int  # restated values replaced (with ``update``)
    import_id: int


@dataclass(frozen=True)
class ImportObservations:
    prepared: Prepared = field(compare=False, repr=False)
    skip_invalid: bool = False
    title: str = "Import"
    update: bool = False  # replace stored values the file restates (else keep them)
    save_profile: str = ""  # also save the mapping as the import profile of this name

    def apply(self, tx: Transaction) -> Applied[ImportSummary]:
        p = self.prepared
        parsed = p.parsed
        if p.problems and not self.skip_invalid:
            raise OpsdeskError(
                f"{p.path.name} has {len(p.problems):,} problems; nothing was imported "
                "(import the valid rows only, or fix the file)."
            )
        conn = tx.conn
        now = now_iso()
        kpi_ids = dict(p.kpis.ids)
        units = dict(p.kpis.units)
        created: list[str] = []
        created_ids: list[int] = []
        by_new_name: dict[str, int] = {}
        known_now = existing(conn)  # another import may have created one since preparing
        for name_in_file, proposal in p.kpis.new.items():
            name, unit = proposal.name, proposal.unit
            key = normalize(name)
            if key in known_now and key not in by_new_name:
                by_new_name[key] = known_now[key][0]
                units[by_new_name[key]] = known_now[key][1]
            if key not in by_new_name:
                values = {**validate_kpi(proposal.values()),
                          "data_source": f"import of {p.path.name}",
                          "created_at": now, "updated_at": now}
                cursor = conn.execute(
                    f"INSERT INTO kpis ({', '.join(values)})"
                    f" VALUES ({', '.join('?' * len(values))})",
                    tuple(values.values()),
                )
                by_new_name[key] = int(cursor.lastrowid or 0)
                created.append(name)
                created_ids.append(by_new_name[key])
                units[by_new_name[key]] = unit
            kpi_ids[name_in_file] = by_new_name[key]
        rows, duplicates, columns, changed = observation_rows(
            conn, p, kpi_ids, units, created_ids
        )
        cursor = conn.execute(
            "INSERT INTO imports (file_name, content_hash, sheet, layout, mapping, rows_read,"
            " rows_imported, rows_skipped, duplicates, kpis_created, imported_at, imported_by)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p.path.name,
                p.content_hash,
                p.table.sheet,
                p.mapping.layout,
                p.mapping.to_json(),
                parsed.rows_read,
                len(rows),
                p.rows_skipped,
                duplicates,
                json.dumps(created, ensure_ascii=False),
                now,
                tx.user,
            ),
        )
        import_id = int(cursor.lastrowid or 0)
        sql = (
            f"INSERT INTO observations ({', '.join(columns)}, import_id, created_at)"
            f" VALUES ({', '.join('?' * len(columns))}, {import_id}, '{now}')"
        )
        with seal_log.appending(conn, "observations"):  # new ids: logged as one range
            for start in range(0, len(rows), CHUNK):
                tx.task.check()  # cancelled: the transaction rolls back, nothing was written
                tx.task.progress(start / max(len(rows), 1),
                                 f"Writing {start:,} of {len(rows):,} rows")
                conn.executemany(sql, rows[start : start + CHUNK])
        replaced = [(c.observation_id, c.before, c.after) for c in changed] if self.update else []
        if replace_values(tx, replaced):
            conn.execute("UPDATE imports SET restated = ? WHERE id = ?",
                         (json.dumps(replaced), import_id))
        summary: ImportSummary = {
            "file": p.path.name,
            "sheet": p.table.sheet,
            "layout": p.mapping.layout,
            "rows_read": parsed.rows_read,
            "rows_imported": len(rows),
            "rows_skipped": p.rows_skipped,
            "duplicates": duplicates,
            "kpis_created": created,
            "changed": described(conn, changed),
            "updated": len(replaced),
            "import_id": import_id,
        }
        tx.audit("imports", import_id, "insert", after=summary)
        applied = Applied(UndoImport(import_id, title=self.title), CHANGES, summary)
        if self.save_profile:
            from opsdesk.core.imports.profiles import SaveProfile

            applied = applied.then(tx, SaveProfile(self.save_profile, p.mapping.to_json()))
        # New data may turn a KPI red, stale or signal a special cause: raise its alerts
        # here, so undoing the import takes them away too.
        from opsdesk.core.kpi.alerts import RaiseAlerts

        touched = {*map(itemgetter(0), rows), *(c.kpi_id for c in changed)}
        return applied.then(tx, RaiseAlerts(tuple(sorted(touched))))


@dataclass(frozen=True)
class UndoImport:
    """Remove one import's observations, and the KPIs it created that nothing else uses."""

    import_id: int
    title: str = "Undo import"

    def apply(self, tx: Transaction) -> Applied[None]:
        conn = tx.conn
        row = conn.execute(
            "SELECT file_name, kpis_created, undone_at, restated FROM imports WHERE id = ?",
            (self.import_id,),
        ).fetchone()
        if row is None:
            raise OpsdeskError(f"Import {self.import_id} is not in this workspace.")
        if row[2] is not None:
            raise OpsdeskError(f"The import of {row[0]} was already undone.")
        cursor = conn.execute(
            f"SELECT {_OBS_COLUMNS} FROM observations WHERE import_id = ? ORDER BY id",
            (self.import_id,),
        )
        snapshot = tuple(cursor.fetchall())
        conn.execute("DELETE FROM observations WHERE import_id = ?", (self.import_id,))
        replace_values(tx, [(i, after, before) for i, before, after in json.loads(row[3])])
        names = json.loads(row[1] or "[]")
        kpi_undo: Command[object] | None = None
        if names:
            marks = ",".join("?" * len(names))
            unused = [
                r[0]
                for r in conn.execute(
                    f"SELECT id FROM kpis WHERE name IN ({marks}) AND NOT EXISTS"
                    " (SELECT 1 FROM observations o WHERE o.kpi_id = kpis.id)",
                    names,
                )
            ]
            if unused:
                kpi_undo = DeleteRows("kpis", tuple(unused), title=self.title).apply(tx).inverse
        conn.execute("UPDATE imports SET undone_at = ? WHERE id = ?", (now_iso(), self.import_id))
        tx.audit("imports", self.import_id, "undo", before={"observations": len(snapshot)})
        return Applied(RedoImport(self.import_id, snapshot, kpi_undo, title=self.title), CHANGES,
                       None)


@dataclass(frozen=True)
class RedoImport:
    """Put an undone import back exactly as it was."""

    import_id: int
    rows: tuple[tuple[Any, ...], ...] = field(repr=False)
    kpis: Command[object] | None = None
    title: str = "Redo import"

    def apply(self, tx: Transaction) -> Applied[None]:
        if self.kpis is not None:
            self.kpis.apply(tx)
        tx.conn.executemany(
            f"INSERT INTO observations ({_OBS_COLUMNS}) VALUES ({','.join('?' * 11)})", self.rows
        )
        (restated,) = tx.conn.execute(
            "SELECT restated FROM imports WHERE id = ?", (self.import_id,)
        ).fetchone()
        replace_values(tx, [tuple(r) for r in json.loads(restated)])
        tx.conn.execute("UPDATE imports SET undone_at = NULL WHERE id = ?", (self.import_id,))
        tx.audit("imports", self.import_id, "redo", after={"observations": len(self.rows)})
        return Applied(UndoImport(self.import_id, title=self.title), CHANGES, None)

