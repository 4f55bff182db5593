"""The AIAG MSA 4th edition gage study (10 parts, appraisers A, B, C, 3 trials), as the
manual prints it (Table III-B 6, also Minitab's example worksheet gageaiag)."""

from __future__ import annotations

import csv

from tests.conftest import DATASETS

PATH = DATASETS / "spc" / "gage_aiag.csv"


def columns() -> tuple[list[str], list[str], list[float]]:
    with PATH.open(newline="") as f:
        rows = list(csv.DictReader(f))
    return ([r["part"] for r in rows], [r["operator"] for r in rows],
            [float(r["value"]) for r in rows])
