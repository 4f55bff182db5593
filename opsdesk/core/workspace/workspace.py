"""Open, lock, upgrade and write one .opsdesk workspace file."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from opsdesk.core import announce as announcements
from opsdesk.core import output_file
from opsdesk.core.errors import NoWorkspace, OpsdeskError
from opsdesk.core.improve import incident_kpis
from opsdesk.core.kpi import period_refresh
from opsdesk.core.task_state import TaskState
from opsdesk.core.workspace import (
    audit_seal,
    cipher,
    file_check,
    migrations,
    second_name,
    storage_errors,
)
from opsdesk.core.workspace.commands import Applied, Command, Transaction
from opsdesk.core.workspace.lock import Holder, WorkspaceLock
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

T = TypeVar("T")


class ReadOnlyWorkspace(OpsdeskError):
    pass


class OlderFormat(ReadOnlyWorkspace):
    """A read-only open of a file that must be upgraded (a write) before it can be read."""

    def __init__(self, path: Path, version: int, writable: bool) -> None:
        self.version = version
        if writable:
            super().__init__(
                f"{path.name} is in the format of an older opsdesk (format {version}), and "
                "this command only reads it, so it was left as it is; open it once for "
                "writing (opsdesk open, or any command that changes it) to upgrade it, "
                "after a backup copy."
            )
        else:
            super().__init__(
                f"{path.name} is in the format of an older opsdesk (format {version}) and "
                "must be upgraded before it can be read, which needs it to be writable, "
                "and it is not."
            )


def format_version(conn: sqlite3.Connection) -> int:
    """The workspace format the file is in (its ``PRAGMA user_version``)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def _connect(
    path: Path, read_only: bool, wal: bool = True, key: cipher.Key | None = None
) -> sqlite3.Connection:
    """``wal=False`` until the file is known to be ours: switching to WAL writes its header.

    ``key`` opens an encrypted workspace (see ``cipher``).
    """
    uri = f"file:{quote(str(path))}?mode={'ro' if read_only else 'rwc'}"
    try:
        conn = cipher.connect(uri, key, uri=True, isolation_level=None, check_same_thread=False)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except cipher.errors("OperationalError") as error:
        if not read_only:
            raise
        if getattr(error, "sqlite_errorname", "") == "SQLITE_READONLY_ROLLBACK":
            # A crash left a transaction half done (the -journal holds the old pages):
            # reading past it would show uncommitted pages. Let SQLite roll it back.
            _roll_back(path, key)
            return _connect(path, read_only, wal, key)
        if file_check.hot(path, "-wal"):  # immutable reads would leave out its commits
            raise OpsdeskError(
                f"{path.name} has changes in {path.name}-wal beside it that can only be read "
                f"where its folder can be written ({error}); copy both files to such a folder."
            ) from None
        # A WAL file on read-only media has no -shm to share: read it as immutable.
        conn = cipher.connect(
            uri + "&immutable=1", key, uri=True, isolation_level=None, check_same_thread=False
        )
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 5000")
    if not read_only:
        if wal:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _roll_back(path: Path, key: cipher.Key | None) -> None:
    """Open ``path`` writable once, which rolls back its hot journal, or say it must be."""
    if not _writable(path):
        raise OpsdeskError(
            f"{path.name} has a transaction that a crash left half done "
            f"({path.name}-journal beside it); open it once where it can be written, "
            "which rolls it back."
        )
    conn = cipher.connect(f"file:{quote(str(path))}?mode=rw", key, uri=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _give_up(path: Path, lock: WorkspaceLock | None, made: bool) -> None:
    """An open that failed: the lock given back, and a file it made removed."""
    if lock:
        lock.release()
    if made:
        for companion in file_check.companions(path):
            companion.unlink(missing_ok=True)
        path.unlink(missing_ok=True)


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK)


def remove_workspace(path: Path) -> None:
    """Delete the workspace at ``path`` and the files beside it; refuse any other file.

    For ``demo --force``: a document or another program's database is never deleted, nor a
    workspace that another opsdesk has open. A transaction a crash left half done is
    rolled back first, so the file is judged by what it committed.
    """
    path = Path(os.path.realpath(path))
    file_check.check_regular(path)
    if file_check.hot(path, "-journal"):
        _roll_back(path, None)
    header = file_check.read_header(path)  # EncryptedWorkspace: cannot tell, so refused
    if header is not None and header.application_id != APPLICATION_ID:
        raise file_check.NotAWorkspace(
            f"{path.name} is not an opsdesk workspace, so it is not replaced; "
            "delete it yourself if you mean to."
        )
    lock = WorkspaceLock(path)
    lock.acquire()  # refuses a workspace open elsewhere
    try:
        for companion in file_check.companions(path):
            if companion != lock.path:
                companion.unlink(missing_ok=True)
        path.unlink()
    finally:
        lock.release()


class Workspace:
    """An open workspace. Reads go through ``conn`` (or ``db``); writes through ``execute``."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        *,
        read_only: bool,
        lock: WorkspaceLock | None,
        read_only_reason: str = "",
        backup: Path | None = None,
        key: cipher.Key | None = None,
    ) -> None:
        self.path = path
        self.conn = conn
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self.backup = backup  # the copy taken before a migration, if one ran
        self.notices: list[str] = []  # what opening did that the user should hear of
        self.key = key  # None for a plain workspace
        self._lock = lock
        self._db: sqlite_utils.Database | None = None

    # -- opening -------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        *,
        read_only: bool = False,
        create: bool = False,
        password: Callable[[], str] | None = None,
    ) -> Workspace:
        """Open ``path``; raise an ``OpsdeskError`` with one sentence when it cannot be.

        ``read_only`` is forced when the file or its folder cannot be written. A workspace
        open for writing elsewhere raises ``WorkspaceLocked``; open it read-only instead.
        ``password`` is asked only when the file is encrypted (else ``EncryptedWorkspace``).
        """
        # Symlinks resolved: SQLite's log and our lock file go by the real name.
        path = Path(os.path.realpath(Path(path).expanduser()))
        made = False
        if not path.exists():
            if not create:
                raise NoWorkspace(path)
            if not path.parent.is_dir():
                raise OpsdeskError(f"The folder {path.parent} does not exist.")
        if path.exists() and file_check.hot(path, "-journal"):
            # Judge the file by what it committed: roll back what a crash left half done.
            with contextlib.suppress(*cipher.errors("DatabaseError")):  # encrypted: below
                _roll_back(path, None)
        key = None
        try:
            header = file_check.check_file(path) if path.exists() else None
        except cipher.EncryptedWorkspace:
            if password is None:
                raise
            header, key = None, cipher.key_for(path, password())
        reason = "opened read-only" if read_only else ""
        if not read_only and not _writable(path):
            read_only, reason = True, "the file cannot be written"
        recorded = second_name.recorded_name(path, key) if path.exists() else None
        lock = None
        try:
            if not read_only:
                if not path.exists():  # the lock holds the file itself: make it first
                    path.touch(exist_ok=False)
                    made = True
                lock = WorkspaceLock(path, known_as=recorded)
                lock.acquire()
            second_name.refuse_if_held_elsewhere(path, recorded)
            conn = _connect(path, read_only, wal=False, key=key)
            try:
                backup, notes = cls._prepare(conn, path, header, read_only, key)
                if not read_only:
                    conn.execute("PRAGMA journal_mode = WAL")
                    second_name.record(conn, path)
            except BaseException:
                conn.close()
                raise
        except cipher.errors("DatabaseError") as error:
            _give_up(path, lock, made)
            said = storage_errors.translate(error, path, "it was not opened; nothing was changed")
            if key is not None and (said is None or storage_errors.is_damage(error)):
                raise cipher.WrongPassword(f"Wrong password for {path.name}.") from None
            if said is not None:
                raise said from None
            raise file_check.NotAWorkspace(
                f"{path.name} cannot be read as an opsdesk workspace ({error})."
            ) from None
        except OSError as error:  # the lock file beside it: a full or read-only disk
            _give_up(path, lock, made)
            raise OpsdeskError(
                f"{path.name} could not be opened for writing ({output_file.os_reason(error)});"
                " nothing was changed."
            ) from None
        except BaseException:
            _give_up(path, lock, made)
            raise
        workspace = cls(
            path,
            conn,
            read_only=read_only,
            lock=lock,
            read_only_reason=reason,
            backup=backup,
            key=key,
        )
        workspace.notices.extend(notes)
        for notice in workspace.notices:
            announcements.announce(notice)
        return workspace

    @staticmethod
    def _prepare(
        conn: sqlite3.Connection,
        path: Path,
        header: file_check.Header | None,
        read_only: bool,
        key: cipher.Key | None = None,
    ) -> tuple[Path | None, list[str]]:
        """Initialise a new file or upgrade an old one; refuse a foreign one.

        Returns the backup copy an upgrade took, and the notes of what it left out."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
        version = format_version(conn)
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
        if app_id != APPLICATION_ID:
            if tables:
                raise file_check.NotAWorkspace(
                    f"{path.name} is a database made by another program, not an opsdesk workspace."
                )
            if read_only:
                raise OpsdeskError(f"{path.name} is empty and cannot be written.")
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                migrations.create_latest(conn)
                audit_seal.seal_empty(conn)
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return None, []
        if version > SCHEMA_VERSION:  # also checked from the header; WAL may hold a newer one
            raise file_check.NewerWorkspace(
                f"{path.name} was saved by a newer opsdesk (workspace format {version}); "
                f"this version reads up to format {SCHEMA_VERSION}, so update opsdesk to open it."
            )
        if version < SCHEMA_VERSION:
            if read_only:
                raise OlderFormat(path, version, _writable(path))
            return migrations.migrate(conn, path, version, key)
        return None, []

    def connect_again(self) -> sqlite3.Connection:
        """Another connection to the same file, for a worker thread."""
        return _connect(self.path, self.read_only, key=self.key)

    # -- reading -------------------------------------------------------------------
    @property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for reads and schema look-ups.

        Imported on first use to keep start-up fast (DESIGN.md rule 8).
        """
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def scalar(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    @property
    def schema_version(self) -> int:
        return format_version(self.conn)

    @property
    def took_over_from(self) -> Holder | None:
        """The holder of a stale lock that this open replaced, if any."""
        return self._lock.took_over if self._lock else None

    # -- writing -------------------------------------------------------------------
    @contextmanager
    def transaction(self, conn: sqlite3.Connection | None = None) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it.

        ``conn`` is another connection from ``connect_again`` (a worker thread's). Before
        the commit, KPIs computed from the incidents are rewritten if it changed those
        (``incident_kpis.refresh``), the period aggregates are brought up to date with the
        observations it changed (``period_refresh.refresh``), and what it wrote is sealed
        into the audit trail, both from the rows SQLite recorded it changed
        (``audit_seal.track``).
        """
        if self.read_only:
            raise ReadOnlyWorkspace(f"{self.path.name} is open read-only; nothing was changed.")
        conn = conn or self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            audit_seal.track(conn)
            incident_kpis.watch(conn)
            before = conn.total_changes
            yield conn
            if conn.total_changes != before:
                incident_kpis.refresh(conn)
                period_refresh.refresh(conn)
                audit_seal.seal(conn)
            # Inside the try: a deferred foreign key fails at COMMIT and leaves it open.
            conn.execute("COMMIT")
        except BaseException as error:
            if conn.in_transaction:  # some errors (disk full) already rolled it back
                conn.execute("ROLLBACK")
            if isinstance(error, cipher.errors("DatabaseError")):
                said = storage_errors.translate(error, self.path, "nothing was changed")
                if isinstance(said, storage_errors.WorkspaceDamaged):
                    self.stop_writing("it is damaged")
                if said is not None:
                    raise said from None
            raise

    def execute(self, command: Command[T], conn: sqlite3.Connection | None = None,
                task: TaskState | None = None) -> Applied[T]:
        """Apply ``command`` in one transaction with its audit entries; return what it
        did (its inverse, the kinds it changed, its result). The one write path. A
        command that changes what KPIs are computed from (the incidents) is followed in
        the same step by the alerts their new values warrant (``incident_kpis.with_alerts``).

        On the writer thread, pass that thread's own connection (``connect_again``) and
        the task's state, which a long command reports its progress to.
        """
        try:
            with self.transaction(conn) as tx_conn:
                tx = Transaction(tx_conn, command.title, task=task or TaskState())
                return incident_kpis.with_alerts(tx, command.apply(tx))
        except cipher.errors("IntegrityError") as error:
            raise OpsdeskError(
                f"{command.title} conflicts with what the workspace holds ({error}); "
                "nothing was changed."
            ) from None

    # -- encryption ----------------------------------------------------------------
    def change_key(self, key: cipher.Key | None) -> tuple[list[Path], list[Path]]:
        """Encrypt (a key), decrypt (None) the file and its backups; it stays open.

        Returns the backups rewritten and those left alone (see ``encryption``).
        """
        from opsdesk.core.workspace import encryption

        if self.read_only:
            raise ReadOnlyWorkspace(f"{self.path.name} is open read-only; nothing was changed.")
        old = self.key
        self.conn.close()
        self._db = None
        try:
            encryption.rewrite(self.path, old, key)
            self.key = key
            if self._lock:  # a new file now has the name: hold that one
                self._lock.relock()
        finally:
            self.conn = _connect(self.path, False, key=self.key)
        return encryption.rewrite_backups(self.path, old, key)

    def find_damage(self, conn: sqlite3.Connection | None = None) -> list[str]:
        """SQLite's quick check of every page (empty when the file is whole): the app runs
        it in the background after opening, and stops writing if it finds anything."""
        try:
            found = [str(r[0]) for r in (conn or self.conn).execute("PRAGMA quick_check(20)")]
        except cipher.errors("DatabaseError") as error:
            if not storage_errors.is_damage(error):
                raise
            return [str(error)]
        return [] if found == ["ok"] else found

    def stop_writing(self, reason: str) -> None:
        """Take no more writes (a damaged file); the lock stays, so nobody else writes."""
        self.read_only, self.read_only_reason = True, reason

    def checkpoint(self, conn: sqlite3.Connection | None = None) -> None:
        """Fold the write-ahead log into the file, so the file alone holds every commit
        (a plain copy of it is then whole). PASSIVE: it never waits for a reader."""
        if not self.read_only:
            (conn or self.conn).execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

    # -- closing -------------------------------------------------------------------
    def close(self) -> None:
        if self.conn is not None:
            try:
                if not self.read_only:
                    # Sampled statistics: a full ANALYZE of a large table after a big
                    # import took longer than the import's own commit.
                    self.conn.execute("PRAGMA analysis_limit = 400")
                    self.conn.execute("PRAGMA optimize")
                    # SQLite folds the log in as the last connection closes; a reader
                    # still open elsewhere (opsdesk check) would keep it out.
                    self.checkpoint()
            finally:
                self.conn.close()
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
