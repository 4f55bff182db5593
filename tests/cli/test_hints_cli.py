"""What the command line tells a user: hints that name whole options, values with their
units, and names it refuses."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk

# A field=COLUMN pair that is not the argument of a --map option.
BARE_PAIR = re.compile(r"(?<!--map )(?<!--map ')\b(date|kpi|value)=")


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    path = tmp_path / "w.opsdesk"
    assert opsdesk("new", path).returncode == 0
    return path


@pytest.mark.parametrize(("content", "args", "options"), [
    # No date column: which one is it?
    ("site,OEE\nNorth,80\n", (), ["--map date=COLUMN"]),
    # A long layout asked for, with no KPI and no value column found.
    ("when,how much\n2024-01-01,80\n", ("--layout", "long"),
     ["--map kpi=COLUMN", "--map value=COLUMN"]),
    # A text column no field uses: the KPI names, or a wide layout?
    ("when,what,how much\n2024-01-01,OEE,80\n", (),
     ["--map kpi=what", "--map value=COLUMN", "--layout wide"]),
])
def test_layout_hints_name_the_whole_option(ws: Path, tmp_path: Path, content: str,
                                            args: tuple[str, ...], options: list[str]) -> None:
    src = tmp_path / "data.csv"
    src.write_text(content, encoding="utf-8")
    for output in (opsdesk("import", ws, src, *args).stdout,
                   json.loads(opsdesk("import", ws, src, *args, "--json").stdout)["error"]):
        for option in options:
            assert option in output
        assert not BARE_PAIR.search(output), output


def test_a_hinted_column_with_a_space_is_quoted_for_the_shell(ws: Path, tmp_path: Path) -> None:
    src = tmp_path / "data.csv"
    src.write_text("when,kpi name,how much\n2024-01-01,OEE,80\n", encoding="utf-8")
    assert "--map 'kpi=kpi name'" in opsdesk("import", ws, src).stdout


def test_import_help_names_the_map_option() -> None:
    text = " ".join(opsdesk("import", "--help").stdout.split())
    assert "--map date=COLUMN (the other columns are KPIs)" in text
    assert not BARE_PAIR.search(text.replace("FIELD=COLUMN", ""))


def add(ws: Path, name: str, unit: str, direction: str, target: str) -> None:
    result = opsdesk("kpi", "add", ws, name, "--unit", unit, "--direction", direction,
                     "--frequency", "monthly", "--aggregation", "mean", "--target", target)
    assert result.returncode == 0, result.stderr


def observe(ws: Path, name: str, rows: list[tuple[str, float]]) -> None:
    with sqlite3.connect(ws) as conn:
        kpi_id = conn.execute("SELECT id FROM kpis WHERE name = ?", (name,)).fetchone()[0]
        conn.executemany("INSERT INTO observations (kpi_id, ts, value, created_at)"
                         " VALUES (?, ?, ?, '2026-01-01')", [(kpi_id, t, v) for t, v in rows])


def test_tables_show_values_with_their_units(ws: Path) -> None:
    add(ws, "Lead time", "days", "lower", "6")
    add(ws, "OTIF", "%", "higher", "95")
    observe(ws, "Lead time", [("2026-04-10", 5.2), ("2026-05-12", 4.99)])
    observe(ws, "OTIF", [("2026-04-10", 93.0), ("2026-05-12", 96.5)])
    status = opsdesk("kpi", "status", ws, "--as-of", "2026-06-15")
    assert status.returncode == 0, status.stderr
    lines = {line.split("  ")[0]: line for line in status.stdout.splitlines()}
    # May against April: 4.99 - 5.2 = -0.21 days; 96.5 - 93.0 = +3.5 percentage points.
    assert re.search(r"4\.99 days\s+6\.00 days\s+green\s+-0\.21 days", lines["Lead time"])
    assert re.search(r"96\.5 %\s+95\.0 %\s+green\s+\+3\.5 pp", lines["OTIF"])
    listing = opsdesk("kpi", "list", ws).stdout
    assert "6.00 days" in listing and "95.0 %" in listing


def test_a_kpi_name_over_120_characters_is_refused(ws: Path) -> None:
    long = "Lead time from order entry to delivery " * 4  # 156 characters
    line = one_line_error(opsdesk("kpi", "add", ws, long.strip(), "--unit", "days",
                                  "--direction", "lower", "--frequency", "monthly",
                                  "--aggregation", "mean"))
    assert "at most 120 characters" in line and "has 155" in line
    add(ws, "x" * 120, "days", "lower", "5")  # 120 is still a name
    names = [k["name"] for k in json.loads(opsdesk("kpi", "list", ws, "--json").stdout)]
    assert names == ["x" * 120]


def test_an_import_does_not_create_a_kpi_with_an_overlong_name(ws: Path, tmp_path: Path) -> None:
    long = "Q" * 130
    src = tmp_path / "wide.csv"
    src.write_text(f"Date,OEE,{long}\n2026-01-01,80,1\n2026-02-01,82,2\n", encoding="utf-8")
    refused = opsdesk("import", ws, src, "--json")
    assert refused.returncode == 1
    data = json.loads(refused.stdout)
    assert data["problem_count"] == 2
    assert all("at most 120 characters" in p["reason"] for p in data["problems"])
    partial = json.loads(opsdesk("import", ws, src, "--skip-invalid", "--json").stdout)
    assert partial["kpis_created"] == ["OEE"] and partial["rows_imported"] == 2
    names = [k["name"] for k in json.loads(opsdesk("kpi", "list", ws, "--json").stdout)]
    assert names == ["OEE"]
