"""Reading the shared reference datasets for the SPC tests."""

from __future__ import annotations

import csv

from tests.conftest import DATASETS

SPC = DATASETS / "spc"


def rows(name: str) -> list[dict[str, str]]:
    with open(SPC / name, newline="") as handle:
        return list(csv.DictReader(handle))


def column(name: str, col: str) -> list[float]:
    return [float(r[col]) for r in rows(name)]


def labels(name: str, col: str) -> list[str]:
    return [r[col] for r in rows(name)]


def trial(name: str, col: str) -> frozenset[str]:
    return frozenset(r[col] for r in rows(name) if r["trial"] == "TRUE")
