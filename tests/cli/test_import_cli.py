"""``opsdesk import`` and ``opsdesk export`` through the real entry point."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error as one_line
from tests.cli.cli_run import opsdesk

KEYS = [
    "file",
    "sheet",
    "layout",
    "mapping",
    "rows_read",
    "rows_imported",
    "rows_skipped",
    "duplicates",
    "kpis_created",
    "new_kpis",
    "changed",
    "updated",
    "problem_count",
    "problems",
]






def digest(path: Path) -> str:
    """The workspace's content (the WAL is checkpointed on close)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    from opsdesk.core.workspace import Workspace

    path = tmp_path / "w.opsdesk"
    Workspace.open(path, create=True).close()
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "jan.csv"
    path.write_text(
        "Date;KPI;Value;Site\n2024-01-01;OEE;81,5%;North\n2024-01-02;OEE;82 %;North\n"
        "2024-01-01;Scrap cost (€);1.234,50;North\n",
        encoding="utf-8",
    )
    return path


def test_import_json_and_reimport(ws: Path, good: Path) -> None:
    result = opsdesk("import", ws, good, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == KEYS
    assert data["layout"] == "long" and data["sheet"] is None
    assert data["mapping"] == {"date": "Date", "kpi": "KPI", "value": "Value", "segment": "Site"}
    assert (data["rows_read"], data["rows_imported"], data["duplicates"]) == (3, 3, 0)
    assert data["kpis_created"] == ["OEE", "Scrap cost"] and data["problems"] == []
    again = json.loads(opsdesk("import", ws, good, "--json").stdout)
    assert (again["rows_imported"], again["duplicates"]) == (0, 3)
    text = opsdesk("import", ws, good)
    assert (
        text.returncode == 0 and "0 observations" in text.stdout and "3 duplicates" in text.stdout
    )


def test_problems_exit_1_and_nothing_is_written(ws: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Date,KPI,Value\n2024-01-01,OEE,80\n2024-01-02,OEE,eighty\n", encoding="utf-8")
    before = digest(ws)
    result = opsdesk("import", ws, bad, "--json", "--problems-csv", tmp_path / "p.csv")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["problem_count"] == 1 and data["rows_imported"] == 0
    assert data["problems"] == [
        {"row": 3, "column": "Value", "value": "eighty", "reason": "not a number"}
    ]
    assert (tmp_path / "p.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "row,column,value,reason",
        "3,Value,eighty,not a number",
    ]
    assert digest(ws) == before
    skipped = json.loads(opsdesk("import", ws, bad, "--json", "--skip-invalid").stdout)
    assert (skipped["rows_imported"], skipped["rows_skipped"], skipped["problem_count"]) == (
        1,
        1,
        1,
    )


def test_dry_run_writes_nothing(ws: Path, good: Path) -> None:
    before = digest(ws)
    result = opsdesk("import", ws, good, "--dry-run", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["rows_imported"] == 3
    assert digest(ws) == before


def test_unreadable_file_and_bad_arguments_exit_2(ws: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    assert "damaged" in one_line(opsdesk("import", ws, broken), 2)
    assert "no file" in one_line(opsdesk("import", ws, tmp_path / "none.csv"), 2)
    good = tmp_path / "g.csv"
    good.write_text("Date,KPI,Value\n2024-01-01,OEE,1\n", encoding="utf-8")
    assert "FIELD=COLUMN" in one_line(opsdesk("import", ws, good, "--map", "colour=Date"), 2)
    assert "no column 'When'" in one_line(opsdesk("import", ws, good, "--map", "date=When"), 2)
    assert "invalid choice" in one_line(opsdesk("import", ws, good, "--layout", "diagonal"), 2)


def test_layout_that_needs_map(ws: Path, tmp_path: Path) -> None:
    odd = tmp_path / "odd.csv"
    odd.write_text("when,what,how much\n2024-01-01,OEE,80\n", encoding="utf-8")
    before = digest(ws)
    result = opsdesk("import", ws, odd, "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    unclear = json.loads(result.stdout)
    assert list(unclear) == [*KEYS, "error"] and "'what'" in unclear["error"]
    assert digest(ws) == before
    mapped = opsdesk(
        "import",
        ws,
        odd,
        "--map",
        "date=when",
        "--map",
        "kpi=what",
        "--map",
        "value=how much",
        "--save-profile",
        "ERP",
        "--json",
    )
    assert mapped.returncode == 0, mapped.stderr
    assert json.loads(mapped.stdout)["rows_imported"] == 1
    feb = tmp_path / "feb.csv"
    feb.write_text("when,what,how much\n2024-02-01,OEE,82\n", encoding="utf-8")
    assert (
        json.loads(opsdesk("import", ws, feb, "--profile", "ERP", "--json").stdout)["rows_imported"]
        == 1
    )


def test_wide_layout_with_map(ws: Path, tmp_path: Path) -> None:
    wide = tmp_path / "wide.csv"
    wide.write_text("Period,OEE,Scrap\n2024-01,80,2\n2024-02,81,\n", encoding="utf-8")
    data = json.loads(
        opsdesk("import", ws, wide, "--layout", "wide", "--map", "date=Period", "--json").stdout
    )
    assert data["layout"] == "wide" and data["mapping"] == {
        "date": "Period",
        "kpis": ["OEE", "Scrap"],
    }
    assert data["rows_imported"] == 3  # 2 + 1; the empty Scrap cell is a gap, not a problem


def test_export_reimports_to_the_same_data(ws: Path, good: Path, tmp_path: Path) -> None:
    from opsdesk.core.workspace import Workspace

    assert opsdesk("import", ws, good).returncode == 0
    out = tmp_path / "out.xlsx"
    result = opsdesk("export", ws, "--out", out)
    assert result.returncode == 0 and "3 observations" in result.stdout
    only = opsdesk("export", ws, "--out", tmp_path / "oee.xlsx", "--kpi", "OEE")
    assert "2 observations" in only.stdout
    assert "no KPI named" in one_line(opsdesk("export", ws, "--out", out, "--kpi", "Nope"), 2)
    fresh = tmp_path / "fresh.opsdesk"
    Workspace.open(fresh, create=True).close()
    assert json.loads(opsdesk("import", fresh, out, "--json").stdout)["rows_imported"] == 3
    query = (
        "SELECT k.name, o.ts, o.value, o.segment FROM observations o"
        " JOIN kpis k ON k.id = o.kpi_id ORDER BY 1, 2"
    )
    with Workspace.open(ws, read_only=True) as a, Workspace.open(fresh, read_only=True) as b:
        assert a.rows(query) == b.rows(query)
        # 81,5 % and 82 % into a new % KPI stay 81.5 and 82; 1.234,50 € is 1234.5.
        assert [r["value"] for r in a.rows(query)] == [81.5, 82.0, 1234.5]
