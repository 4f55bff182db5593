"""Open, lock, upgrade and write one .opsdesk workspace file."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from opsdesk.core.errors import NoWorkspace, OpsdeskError
from opsdesk.core.workspace import audit, cipher, file_check, migrations
from opsdesk.core.workspace.commands import Applied, Command, Transaction
from opsdesk.core.workspace.lock import Holder, WorkspaceLock
from opsdesk.core.workspace.schema import APPLICATION_ID, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils


class ReadOnlyWorkspace(OpsdeskError):
    pass


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
    except cipher.errors("OperationalError"):
        if not read_only:
            raise
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


def _writable(path: Path) -> bool:
    target = path if path.exists() else path.parent
    return os.access(target, os.W_OK) and os.access(path.parent, os.W_OK)


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
        path = Path(path).expanduser().absolute()
        if not path.exists():
            if not create:
                raise NoWorkspace(path)
            if not path.parent.is_dir():
                raise OpsdeskError(f"The folder {path.parent} does not exist.")
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
        lock = None
        if not read_only:
            lock = WorkspaceLock(path)
            lock.acquire()
        try:
            conn = _connect(path, read_only, wal=False, key=key)
            try:
                backup = cls._prepare(conn, path, header, read_only, key)
                if not read_only:
                    conn.execute("PRAGMA journal_mode = WAL")
            except BaseException:
                conn.close()
                raise
        except cipher.errors("DatabaseError") as error:
            if lock:
                lock.release()
            if key is not None:  # page 1 did not decrypt
                raise cipher.WrongPassword(f"Wrong password for {path.name}.") from None
            raise file_check.NotAWorkspace(
                f"{path.name} cannot be read as an opsdesk workspace ({error})."
            ) from None
        except BaseException:
            if lock:
                lock.release()
            raise
        return cls(
            path,
            conn,
            read_only=read_only,
            lock=lock,
            read_only_reason=reason,
            backup=backup,
            key=key,
        )

    @staticmethod
    def _prepare(
        conn: sqlite3.Connection,
        path: Path,
        header: file_check.Header | None,
        read_only: bool,
        key: cipher.Key | None = None,
    ) -> Path | None:
        """Initialise a new file or upgrade an old one; refuse a foreign one."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0] & 0xFFFFFFFF
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
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
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            return None
        if version > SCHEMA_VERSION:  # also checked from the header; WAL may hold a newer one
            raise file_check.NewerWorkspace(
                f"{path.name} was saved by a newer opsdesk (workspace format {version}); "
                f"this version reads up to format {SCHEMA_VERSION}, so update opsdesk to open it."
            )
        if version < SCHEMA_VERSION:
            if read_only:
                raise ReadOnlyWorkspace(
                    f"{path.name} is in an older format and must be upgraded, "
                    "which needs it to be writable."
                )
            return migrations.migrate(conn, path, version, key)
        return None

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
        return int(self.scalar("PRAGMA user_version"))

    @property
    def took_over_from(self) -> Holder | None:
        """The holder of a stale lock that this open replaced, if any."""
        return self._lock.took_over if self._lock else None

    # -- writing -------------------------------------------------------------------
    @contextmanager
    def transaction(self, conn: sqlite3.Connection | None = None, *,
                    seal: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it.

        ``conn`` is another connection from ``connect_again`` (a worker thread's). What it
        wrote is sealed into the audit trail before the commit (``seal=False``: the caller
        seals, as ``execute`` does knowing what the command touched).
        """
        if self.read_only:
            raise ReadOnlyWorkspace(f"{self.path.name} is open read-only; nothing was changed.")
        conn = conn or self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            before = conn.total_changes
            yield conn
            if seal and conn.total_changes != before:
                audit.seal(conn)
            # Inside the try: a deferred foreign key fails at COMMIT and leaves it open.
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # some errors (disk full) already rolled it back
                conn.execute("ROLLBACK")
            raise

    def execute(self, command: Command, conn: sqlite3.Connection | None = None) -> Applied:
        """Apply ``command`` in one transaction with its audit entries; return the inverse.

        On a worker thread, pass that thread's own connection (``connect_again``).
        """
        try:
            with self.transaction(conn, seal=False) as tx_conn:
                applied = command.apply(Transaction(tx_conn, command.title))
                audit.finish(tx_conn, applied.changes)
                return applied
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
        finally:
            self.conn = _connect(self.path, False, key=self.key)
        return encryption.rewrite_backups(self.path, old, key)

    # -- closing -------------------------------------------------------------------
    def close(self) -> None:
        if self.conn is not None:
            try:
                if not self.read_only:
                    # Sampled statistics: a full ANALYZE of a large table after a big
                    # import took longer than the import's own commit.
                    self.conn.execute("PRAGMA analysis_limit = 400")
                    self.conn.execute("PRAGMA optimize")
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
