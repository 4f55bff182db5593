"""The robustness corpus: for every awkward file, a result or one clear message, never a
crash or a hang, and nothing written when the import does not go through."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import plan
from opsdesk.core.imports.commit import ImportObservations
from opsdesk.core.kpi.commands import AddKpi
from tests.core.imports import corpus

Maker = Callable[[Path], Path]


def _wide_1000(tmp: Path) -> Path:
    header = ["Date", *[f"Metric {n:03d}" for n in range(999)]]
    rows = [header] + [[f"2024-01-0{d}", *[d + n / 10 for n in range(999)]] for d in (1, 2)]
    return corpus.text(tmp / "wide.csv", "\n".join(",".join(map(str, r)) for r in rows))


CASES: dict[str, tuple[Maker, str | None]] = {
    # name: (maker, None if it imports, else words the message must contain)
    "empty file": (lambda t: corpus.text(t / "e.csv", ""), "holds no data"),
    "only a BOM and blank lines": (
        lambda t: corpus.text(t / "b.csv", "\ufeff\n \n\n"),
        "holds no data",
    ),
    "empty workbook": (lambda t: corpus.xlsx(t / "e.xlsx", []), "holds no data"),
    "header with no rows": (
        lambda t: corpus.text(t / "h.csv", "Date,KPI,Value\n"),
        "no data below",
    ),
    "header with no rows, xlsx": (
        lambda t: corpus.xlsx(t / "h.xlsx", [["Date", "KPI", "Value"]]),
        "no data below",
    ),
    "duplicate header names": (
        lambda t: corpus.text(t / "d.csv", "Date,KPI,Value,Value\n2024-01-01,OEE,80,81\n"),
        None,
    ),
    "1,000 columns": (_wide_1000, None),
    "one cell per row": (lambda t: corpus.text(t / "o.csv", "12\n13\n14\n"), "No date column"),
    "mixed types down a column": (
        lambda t: corpus.xlsx(
            t / "m.xlsx",
            [
                ["Date", "KPI", "Value"],
                [date(2024, 1, 1), "OEE", 80],
                ["2024-01-02", "OEE", "81"],
                [45295, "OEE", True],
                ["Jan 4, 2024", "OEE", date(2024, 1, 1)],
            ],
        ),
        "problems",
    ),
    "non-breaking spaces": (
        lambda t: corpus.text(
            t / "n.csv", "Date;KPI;Value\n2024-01-01;Scrap\u00a0cost;1\u00a0234,5\u00a0€\n"
        ),
        None,
    ),
    "Arabic and Chinese KPI names": (
        lambda t: corpus.text(
            t / "a.csv", "Date,KPI,Value\n2024-01-01,معدل الإنتاج,5\n2024-01-01,合格率,0.98\n"
        ),
        None,
    ),
    "footer note under the data": (
        lambda t: corpus.text(t / "f.csv", "Date,KPI,Value\n2024-01-01,OEE,80\nSource: ERP,,\n"),
        "problems",
    ),
    "quotes never closed": (
        lambda t: corpus.text(
            t / "q.csv", 'Date,KPI,Value\n2024-01-01,"OEE,80\n2024-01-02,OEE,81\n'
        ),
        "never closed",
    ),
    "numbers only, no header": (
        lambda t: corpus.text(t / "n2.csv", "1,2,3\n4,5,6\n"),
        "No date column",
    ),
    "only a title": (
        lambda t: corpus.xlsx(t / "t.xlsx", [["Quarterly review"]], merged=["A1:E1"]),
        "no data below",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_corpus(case: str, workspace: Any, tmp_path: Path) -> None:
    maker, failure = CASES[case]
    path = maker(tmp_path)
    before = corpus.counts(workspace)
    started = time.perf_counter()
    try:
        prepared = plan.prepare(workspace.conn, path, plan.Options())
        result = workspace.execute(ImportObservations(prepared)).result
    except OpsdeskError as error:
        message = str(error)
        assert failure is not None, f"{case}: {message}"
        assert failure in message
        assert "\n" not in message and "Traceback" not in message
        assert corpus.counts(workspace) == before  # nothing written
    else:
        assert failure is None, f"{case} imported {result}"
        assert result["rows_imported"] > 0
    assert time.perf_counter() - started < 20


def test_unicode_names_are_kept_exactly(workspace: Any, tmp_path: Path) -> None:
    path = CASES["Arabic and Chinese KPI names"][0](tmp_path)
    workspace.execute(ImportObservations(plan.prepare(workspace.conn, path, plan.Options())))
    names = {r["name"] for r in workspace.rows("SELECT name FROM kpis")}
    assert names == {"معدل الإنتاج", "合格率"}


def test_non_breaking_spaces_are_forgiven(workspace: Any, tmp_path: Path) -> None:
    workspace.execute(AddKpi({"name": "Scrap cost", "unit": "€"}))
    path = CASES["non-breaking spaces"][0](tmp_path)
    result = workspace.execute(
        ImportObservations(plan.prepare(workspace.conn, path, plan.Options()))
    ).result
    assert result["kpis_created"] == []  # "Scrap\u00a0cost" is the existing "Scrap cost"
    assert workspace.scalar("SELECT value FROM observations") == 1234.5


def test_thousand_columns_unpivot(workspace: Any, tmp_path: Path) -> None:
    path = _wide_1000(tmp_path)
    result = workspace.execute(
        ImportObservations(plan.prepare(workspace.conn, path, plan.Options()))
    ).result
    assert result["rows_imported"] == 2 * 999 and len(result["kpis_created"]) == 999
