"""``opsdesk spc`` on date-labelled points and on workbooks, as a user runs it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run

# Twelve months, labelled by their first day; the first quarter is the stable baseline.
MONTHS = [date(2026, m, 1).isoformat() for m in range(1, 13)]
VALUES = [10, 11, 15, 30, 31, 29, 30, 32, 28, 30, 31, 29]


@pytest.fixture
def monthly(tmp_path: Path) -> Path:
    src = tmp_path / "monthly.csv"
    src.write_text("month,lead\n" + "".join(f"{m},{v}\n" for m, v in zip(MONTHS, VALUES,
                                                                         strict=True)))
    return src


def centre(*args: object) -> float:
    out = run("spc", *args, "--json")
    assert out.returncode == 0, out.stderr
    return float(json.loads(out.stdout)["panels"][0]["center"])


def test_baseline_as_a_date_range_or_point_numbers(monthly: Path) -> None:
    args = (monthly, "--chart", "i-mr", "--value", "lead", "--subgroup", "month")
    # By hand: the mean of Jan-Mar, (10 + 11 + 15) / 3 = 12.
    assert centre(*args, "--baseline", "2026-01-01..2026-03-31") == pytest.approx(12)
    assert centre(*args, "--baseline", "1-3") == pytest.approx(12)
    assert centre(*args, "--baseline", "..2026-03-31") == pytest.approx(12)
    # Without March: (10 + 11) / 2 = 10.5.
    assert centre(*args, "--baseline", "1-3", "--exclude", "2026-03-01") == pytest.approx(10.5)
    # From October on: (30 + 31 + 29) / 3 = 30.
    assert centre(*args, "--baseline", "2026-10-01..") == pytest.approx(30)


def test_point_ranges_that_name_no_point_are_refused(monthly: Path) -> None:
    args = ("spc", monthly, "--chart", "i-mr", "--value", "lead", "--subgroup", "month")
    assert "holds no point" in one_line_error(run(*args, "--baseline", "2025-01-01..2025-12-31"))
    assert "runs backwards" in one_line_error(run(*args, "--baseline", "2026-03-31..2026-01-01"))
    assert "past the last point (12)" in one_line_error(run(*args, "--baseline", "1-20"))
    assert "'2026-13-01' is not a point" in one_line_error(run(*args, "--exclude", "2026-13-01"))


def test_help_shows_both_kinds_of_points() -> None:
    out = run("spc", "--help")
    assert "1-20" in out.stdout and "2026-01-01..2026-03-31" in out.stdout


def test_a_workbook_is_read_through_the_import_readers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Final inspection, line 2"])  # a title row above the header
    sheet.append(["Month", "Defective", "Inspected"])
    defective = [12, 15, 8, 10, 14, 11, 30, 28]
    for month, d in enumerate(defective, start=1):
        sheet.append([date(2026, month, 1), d, 200])
    path = tmp_path / "book.xlsx"
    book.save(path)
    out = run("spc", path, "--chart", "p", "--value", "Defective", "--size", "Inspected",
              "--subgroup", "Month", "--baseline", "2026-01-01..2026-06-30", "--json")
    assert out.returncode == 0, out.stderr
    panel = json.loads(out.stdout)["panels"][0]
    assert panel["labels"][0] == "2026-01-01" and len(panel["labels"]) == 8
    # By hand: p-bar = (12 + 15 + 8 + 10 + 14 + 11) / (6 * 200) = 70 / 1200.
    assert panel["center"] == pytest.approx(70 / 1200)
    assert [s["label"] for s in panel["signals"] if 1 in s["rules"]] == ["2026-07-01",
                                                                          "2026-08-01"]


def test_a_file_it_cannot_read_gets_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "chart.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    line = one_line_error(run("spc", path, "--chart", "i-mr", "--value", "x"))
    assert "xlsx" in line and "csv" in line
