"""The seal: a keyed digest of the KPIs, targets and observations, kept with the audit head.

It is a multiset hash, kept up to date incrementally (Bellare and Micciancio, "A New
Paradigm for Collision-free Hashing: Incrementality at Reduced Cost", EUROCRYPT 1997;
keyed, it is Clarke et al.'s MSet-Add-Hash, "Incremental Multiset Hash Functions and
Their Application to Memory Integrity Checking", ASIACRYPT 2003): each table's digest is
the sum, mod 2^64 in each of two lanes, of a pseudorandom function of each of its rows,
and its row count. Each write transaction adds the function of the rows it leaves and
subtracts that of the rows as they were before it, as SQLite itself recorded them
(``seal_log``: temporary triggers, so no write path has to remember to), so a write costs
in proportion to what it writes, not to the table; ``opsdesk check`` recomputes it in full.
The first write on a machine without the seal's key (a key change) recounts once, under
its own key: digests under one key cannot be carried to another.

The per-row function is AES-256 in CBC-MAC over the row's fixed-length encoding (a pseudo-
random function on messages of one length: Bellare, Kilian and Rogaway, "The Security of
the Cipher Block Chaining Message Authentication Code", JCSS 2000), one key per table.
A cell is 3 bits of type (NULL, integer, real, text, blob) and a 64-bit word: the integer,
the real's bits, or a keyed BLAKE2b-64 of the text; a row is a word of its types and its
cells' words. It is computed for all rows at once, a block column at a time: the cells in
C loops (``array``), each block's XOR as one long integer, AES in ECB over the whole
column. Measured on 200,000 observations (``make bench``, bench_seal): a few tenths of a
second, against about 1 s for one keyed BLAKE2b per row (hashlib) and 1.5 s for the
full rescan this replaced; numpy did the arithmetic faster but costs more to import than
the import gains. Without the key, an edit that keeps the seal is a guess with odds of
about 2^-64.

The record (``meta.audit_seal``) names its key and carries an HMAC binding the digests to
the audit head, so a cut tail, a rewritten head or edited digests show too.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import struct
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from opsdesk.core.workspace import audit, seal_log

TABLES = ("kpis", "kpi_targets", "observations")
FORM = 2  # the record's layout; form 1 (one SHA-256 of a full rescan) is renewed on write
_MASK = (1 << 64) - 1
_CHUNK = 100_000
_NULL, _INT, _REAL, _TEXT, _BLOB = range(5)
_PER_TAG_WORD = 21  # 3-bit types, 21 to a 64-bit word


@dataclass(frozen=True)
class Digest:
    rows: int = 0
    lanes: tuple[int, int] = (0, 0)

    def plus(self, other: Digest, sign: int = 1) -> Digest:
        return Digest(self.rows + sign * other.rows,
                      ((self.lanes[0] + sign * other.lanes[0]) & _MASK,
                       (self.lanes[1] + sign * other.lanes[1]) & _MASK))

    def text(self) -> list[Any]:
        return [self.rows, f"{self.lanes[0]:016x}{self.lanes[1]:016x}"]

    @classmethod
    def parse(cls, value: Any) -> Digest:
        rows, lanes = value
        return cls(int(rows), (int(lanes[:16], 16), int(lanes[16:], 16)))


class _Keys:
    def __init__(self, key: bytes) -> None:
        self.text = hmac.digest(key, b"opsdesk seal: text", "sha256")
        self.rows = {t: hmac.digest(key, b"opsdesk seal: rows of " + t.encode(), "sha256")
                     for t in TABLES}


_DOUBLE, _WORD = struct.Struct("<d"), struct.Struct("<Q")
_NEGATIVE_ZERO = _DOUBLE.pack(-0.0)
Words: TypeAlias = "array[int]"  # a column of 64-bit words: array("Q")


def _cell(value: Any, text_key: bytes) -> tuple[int, int]:
    """A cell as SQLite holds it: (type, 64-bit word)."""
    if value is None or value != value:  # NaN is stored as NULL
        return _NULL, 0
    if isinstance(value, float):
        return _REAL, _WORD.unpack(_DOUBLE.pack(value + 0.0))[0]  # -0.0 is read back 0.0
    if isinstance(value, int):
        return _INT, value & _MASK
    if isinstance(value, str):
        tag, data = _TEXT, value.encode("utf-8", "surrogatepass")
    elif isinstance(value, bytes | bytearray | memoryview):
        tag, data = _BLOB, bytes(value)
    else:
        raise TypeError(f"no SQLite value: {type(value).__name__}")
    digest = hashlib.blake2b(data, key=text_key, digest_size=8).digest()
    return tag, int.from_bytes(digest, "little")


def _same(word: int, n: int) -> Words:
    return array("Q", [word]) * n


def _column(values: Sequence[Any], n: int, text_key: bytes) -> tuple[int | Words, Words]:
    """(types, words) of one column, the types as one number when all are alike: in C
    loops (``array``) for integers and reals, else once for each distinct value (days,
    sites and units repeat) and gathered. A distinct value is its type and value: 0 and
    0.0 are equal in Python, not in SQLite."""
    kinds = set(map(type, values))
    words = array("Q")
    if kinds == {int}:
        try:
            words.frombytes(array("q", values).tobytes())  # two's complement, as _cell
            return _INT, words
        except OverflowError:
            pass
    total = sum(values) if kinds == {float} else None
    if total is not None and total == total:  # no NaN (nor inf - inf): bits as they are
        data = array("d", values).tobytes()
        if _NEGATIVE_ZERO in data:  # -0.0 is read back as 0.0
            data = array("d", (v + 0.0 for v in values)).tobytes()
        words.frombytes(data)
        return _REAL, words
    if kinds == {type(None)}:  # a column left empty
        return _NULL, _same(0, n)
    # Keyed by type too only where numbers of both kinds meet (the rare mixed column).
    keys: Sequence[Any] = (list(zip(map(type, values), values, strict=True))
                           if {int, float} <= kinds else values)
    cells = {v: _cell(v[1] if keys is not values else v, text_key) for v in dict.fromkeys(keys)}
    words.extend(map({v: c[1] for v, c in cells.items()}.__getitem__, keys))
    tags = {c[0] for c in cells.values()}
    if len(tags) == 1:
        return tags.pop(), words
    return array("Q", map({v: c[0] for v, c in cells.items()}.__getitem__, keys)), words


def _as_int(words: Words) -> int:
    return int.from_bytes(words.tobytes(), "little")


def _mac(aes_key: bytes, words: list[Words], n: int) -> tuple[int, int]:
    """The lanes' sums of AES-CBC-MAC over every row (a row: 2 words a block), a block
    of all rows at a time: XOR on the whole block as one integer, AES in ECB over it."""
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    if len(words) % 2:
        words = [*words, _same(0, n)]
    encrypt = Cipher(algorithms.AES(aes_key), modes.ECB()).encryptor()
    block, chained = _same(0, 2 * n), b""
    for j in range(0, len(words), 2):
        block[0::2], block[1::2] = words[j], words[j + 1]
        data = block.tobytes()
        if chained:
            data = (int.from_bytes(data, "little") ^ int.from_bytes(chained, "little")
                    ).to_bytes(16 * n, "little")
        chained = encrypt.update(data)
    out = array("Q")
    out.frombytes(chained)
    return sum(out[0::2]) & _MASK, sum(out[1::2]) & _MASK


def _digest(keys: _Keys, table: str, names: Sequence[str], columns: Mapping[str, Any],
            n: int) -> Digest:
    total = Digest()
    for start in range(0, n, _CHUNK):
        size = min(_CHUNK, n - start)
        tags: list[int | Words] = []
        words: list[Words] = []
        for name in names:
            t, w = _column(columns[name][start:start + size], size, keys.text)
            tags.append(t)
            words.append(w)
        packed = []
        for first in range(0, len(tags), _PER_TAG_WORD):
            alike, mixed = 0, 0  # 3 bits a column, in each row's word: no carry across
            for k, t in enumerate(tags[first:first + _PER_TAG_WORD]):
                if isinstance(t, int):
                    alike |= t << (3 * k)
                else:
                    mixed |= _as_int(t) << (3 * k)
            column = _same(alike, size)
            if mixed:
                column = array("Q")
                column.frombytes((_as_int(_same(alike, size)) | mixed)
                                  .to_bytes(8 * size, "little"))
            packed.append(column)
        total = total.plus(Digest(size, _mac(keys.rows[table], packed + words, size)))
    return total


def columns_of(conn: sqlite3.Connection, table: str) -> list[tuple[str, str, Any]]:
    """(name, declared type, default) of each column, in the table's order."""
    return [(r[1], r[2].upper(), r[4]) for r in conn.execute(f"PRAGMA table_info({table})")]


def full(conn: sqlite3.Connection, key: bytes, table: str) -> Digest:
    """The table's digest from every row it holds (``check``; a write that was not
    tracked; a new key)."""
    names = [c[0] for c in columns_of(conn, table)]
    return of_rows(conn, key, table, names, f"SELECT {', '.join(names)} FROM {table}")


def of_rows(conn: sqlite3.Connection, key: bytes, table: str, names: Sequence[str],
            sql: str) -> Digest:
    """The digest of the rows ``sql`` selects, with ``names`` the table's columns in its
    order (the rows of ``table``, or copies of them)."""
    keys, total = _Keys(key), Digest()
    cursor = conn.execute(sql)
    while chunk := cursor.fetchmany(_CHUNK):
        columns = dict(zip(names, zip(*chunk, strict=True), strict=True))
        total = total.plus(_digest(keys, table, names, columns, len(chunk)))
    return total


@dataclass(frozen=True)
class Seal:
    key_id: str | None  # None: the seal of a new, empty workspace, made before any key
    tables: dict[str, Digest]
    mac: str

    def empty(self) -> bool:
        """Empty tables have the same digest under every key: a base for any key."""
        return all(d == Digest() for d in self.tables.values())

    @staticmethod
    def body(key_id: str | None, tables: Mapping[str, Digest], head: str) -> bytes:
        content = {"form": FORM, "key": key_id, "head": head,
                   "tables": {t: tables[t].text() for t in TABLES}}
        return json.dumps(content, sort_keys=True, separators=(",", ":")).encode()

    def matches(self, key: bytes, head: str) -> bool:
        expected = hmac.new(key, self.body(self.key_id, self.tables, head), "sha256")
        return hmac.compare_digest(self.mac, expected.hexdigest())


def held(conn: sqlite3.Connection, text: str | None = None) -> Seal | str | None:
    """The seal in ``meta`` (or ``text``); None when there is none; a sentence when it
    cannot be read."""
    if text is None:
        text = audit.meta(conn, "audit_seal")
    if text is None:
        return None
    try:
        record = json.loads(text)
        if record.get("form") != FORM:
            raise ValueError
        key_id = None if record["key"] is None else str(record["key"])
        return Seal(key_id, {t: Digest.parse(record["tables"][t]) for t in TABLES},
                    str(record["mac"]))
    except (ValueError, KeyError, TypeError, AttributeError):
        return "the seal is in a form this opsdesk does not read (it is renewed on the next change)"


def _write(conn: sqlite3.Connection, key: bytes | None, key_id: str | None,
           tables: Mapping[str, Digest]) -> None:
    head = audit.meta(conn, "audit_head") or f"0:{audit.GENESIS}"
    mac = "" if key is None else hmac.new(key, Seal.body(key_id, tables, head),
                                           "sha256").hexdigest()
    record = {"form": FORM, "key": key_id, "mac": mac,
              "tables": {t: tables[t].text() for t in TABLES}}
    audit.set_meta(conn, "audit_seal", json.dumps(record, sort_keys=True))


def seal_empty(conn: sqlite3.Connection) -> None:
    """The seal of a new workspace: every table empty, so the first import is sealed from
    its rows too. Nothing in it needs a key: no key is made until the first change."""
    _write(conn, None, None, {t: Digest() for t in TABLES})


def track(conn: sqlite3.Connection) -> None:
    """Have SQLite record this write transaction's changes to the sealed tables, and keep
    the seal as it is now, for ``seal``; call first in each write transaction."""
    seal_log.track(conn, TABLES)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS seal_base (record TEXT)")
    conn.execute("DELETE FROM temp.seal_base")
    conn.execute("INSERT INTO temp.seal_base VALUES (?)", (audit.meta(conn, "audit_seal"),))


def _base(conn: sqlite3.Connection) -> Seal | str | None:
    """The seal as this transaction began (a write may have replaced ``meta``'s, as a
    recovery copying another file's does): what its changes are counted from."""
    row = conn.execute("SELECT record FROM temp.seal_base").fetchone()
    return None if row is None or row[0] is None else held(conn, str(row[0]))


RENEWED = "Seal renewed"


def _note_renewal(conn: sqlite3.Connection, found: str | None) -> None:
    """A signed entry saying the seal is recounted from the tables as found: without it,
    deleting the seal record would let the next write seal edits made outside opsdesk."""
    from opsdesk.core.workspace.commands import now_iso

    reason = ("there was no seal" if found is None
              else "the seal was in a form this opsdesk does not read")
    audit.append(conn, at=now_iso(), user="opsdesk", command=RENEWED, entity="audit_seal",
                 entity_id=None, action="renew", after={"reason": reason})


def seal(conn: sqlite3.Connection) -> None:
    """Bring the seal up to this transaction's head; call last in each write transaction.

    Each table's digest is updated by the rows the transaction changed, as SQLite
    recorded them (``track``): those rows as they were before are taken out, as they are
    now put in. Without a seal of this key as the transaction began (the first one, or a
    key change), or on a connection that did not record its writes, every table is
    recomputed under the writing key.
    """
    key, key_id = audit.writing_key(conn)
    logged = seal_log.logged(conn, TABLES) and seal_log.names(conn, "seal_base", "temp")
    record = _base(conn) if logged else None
    if logged and not isinstance(record, Seal):
        _note_renewal(conn, record)
    tables: dict[str, Digest] = {}
    for table in TABLES:
        if not isinstance(record, Seal) or (record.key_id != key_id and not record.empty()):
            tables[table] = full(conn, key, table)
            continue
        names = seal_log.names(conn, table)
        tables[table] = (record.tables[table]
                         .plus(of_rows(conn, key, table, names, seal_log.before(table, names)), -1)
                         .plus(of_rows(conn, key, table, names, seal_log.after(table, names))))
    seal_log.clear(conn, TABLES)
    _write(conn, key, key_id, tables)
