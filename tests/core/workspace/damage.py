"""Damage one page of a workspace file the way a failing disk does, and say which rows it
held.

The b-tree page format is SQLite's (https://www.sqlite.org/fileformat.html, 1.6): a page
header of 8 bytes (leaf) or 12 (interior; 100 bytes further on page 1), a type byte (5:
interior table page, 13: leaf table page), the cell count at offset 3, the right-most
child at offset 8 of an interior page, then 2-byte cell pointers; an interior cell is a
4-byte child page number and a varint row id, a leaf cell a varint payload size and a
varint row id.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = 0
    for i in range(9):
        byte = data[at + i]
        if i == 8:
            return (value << 8) | byte, at + 9
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, at + i + 1
    raise AssertionError("unreachable")


def _page(raw: bytes, number: int, size: int) -> tuple[bytes, int]:
    start = (number - 1) * size
    return raw[start : start + size], 100 if number == 1 else 0


def _cells(page: bytes, header: int) -> list[int]:
    count = int.from_bytes(page[header + 3 : header + 5], "big")
    first = header + (12 if page[header] == 5 else 8)
    return [int.from_bytes(page[first + 2 * i : first + 2 * i + 2], "big") for i in range(count)]


def leaf_pages(path: Path, table: str) -> list[tuple[int, list[int]]]:
    """The table's leaf pages in row-id order, each with the row ids it holds."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    raw = path.read_bytes()
    leaves: list[tuple[int, list[int]]] = []

    def walk(number: int) -> None:
        page, header = _page(raw, number, size)
        if page[header] == 13:
            leaves.append((number, [_varint(page, _varint(page, c)[1])[0]
                                    for c in _cells(page, header)]))
            return
        assert page[header] == 5, f"page {number} is not a table b-tree page"
        for cell in _cells(page, header):
            walk(int.from_bytes(page[cell : cell + 4], "big"))
        walk(int.from_bytes(page[header + 8 : header + 12], "big"))

    walk(root)
    return leaves


def damage_page(path: Path, number: int) -> None:
    """Overwrite the page with bytes that are no b-tree page."""
    conn = sqlite3.connect(path)
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as handle:
        handle.seek((number - 1) * size)
        handle.write(bytes(range(256)) * (size // 256))
