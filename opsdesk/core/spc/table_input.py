"""Reading a CSV table for the headless SPC commands, with errors that name the place."""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from pathlib import Path

from opsdesk.core.errors import OpsdeskError


class Table:
    """A CSV file's header and rows (as text). Row numbers count the header as row 1,
    as a spreadsheet shows them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise OpsdeskError(f"{path} does not exist.") from None
        except (OSError, UnicodeDecodeError) as error:
            raise OpsdeskError(f"{path} cannot be read as a UTF-8 text file ({error}).") from None
        try:
            dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
                text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = [r for r in csv.reader(text.splitlines(), dialect) if any(c.strip() for c in r)]
        if not rows:
            raise OpsdeskError(f"{path} is empty.")
        self.header = [h.strip() for h in rows[0]]
        self.rows = rows[1:]
        if not self.rows:
            raise OpsdeskError(f"{path} has a header but no data rows.")

    def _index(self, column: str) -> int:
        if column in self.header:
            return self.header.index(column)
        raise OpsdeskError(f"Column {column!r} is not in {self.path.name} "
                           f"(columns: {', '.join(self.header)}).")

    def text(self, column: str) -> list[str]:
        i = self._index(column)
        return [r[i].strip() if i < len(r) else "" for r in self.rows]

    def numbers(self, column: str) -> list[float]:
        out = []
        for row_no, value in enumerate(self.text(column), start=2):
            try:
                number = float(value)
            except ValueError:
                what = "is empty" if not value else f"holds {value!r}, which is not a number"
                raise OpsdeskError(f"Row {row_no}, column {column!r} {what}.") from None
            if number != number or number in (float("inf"), float("-inf")):
                raise OpsdeskError(f"Row {row_no}, column {column!r} holds {value!r}, "
                                   "which is not a finite number.")
            out.append(number)
        return out


def parse_labels(spec: str | None) -> list[str]:
    """'1-25,31' -> ['1', ..., '25', '31']; other labels are taken as written."""
    if not spec:
        return []
    out: list[str] = []
    for token in (t.strip() for t in spec.split(",")):
        if not token:
            continue
        m = re.fullmatch(r"(\d+)\s*-\s*(\d+)", token)
        if m:
            lo, hi = int(m.group(1)), int(m.group(2))
            if hi < lo:
                raise OpsdeskError(f"The range {token!r} runs backwards.")
            out.extend(str(i) for i in range(lo, hi + 1))
        else:
            out.append(token)
    return out


def parse_tests(spec: str | None) -> frozenset[int] | None:
    if spec is None:
        return None
    tests: set[int] = set()
    for token in parse_labels(spec):
        if not token.isdigit() or not 1 <= int(token) <= 8:
            raise OpsdeskError(f"Test {token!r} does not exist; tests are numbered 1 to 8.")
        tests.add(int(token))
    return frozenset(tests)


def check_labels(wanted: Sequence[str], known: Sequence[str], what: str) -> None:
    present = set(known)
    for label in wanted:
        if label not in present:
            raise OpsdeskError(f"{what} label {label!r} is not a point of this chart.")
