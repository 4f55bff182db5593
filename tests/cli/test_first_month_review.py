"""A client's own monthly workbook, imported and turned into the PDF review with defaults.

The workbook is of the kind operations managers keep (issue 9): KPIs as columns, months
as rows dated on the 1st (Excel "Jan-25" cells), a title row, a merged group-header row
("Delivery", "Quality", ...) over the column names, percent-formatted columns, one "n/a"
cell, and a second version of the file that adds December and restates November's OTIF.
Every status, month and value the review prints is checked against the hand rules of
issue 5 ("Status, precisely"): higher is better: on track when value >= target, at risk
when value >= 90 % of target, else off track; lower is better: on track when value <=
target, at risk when value <= 110 % of target, else off track; no direction: no status.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

from tests.cli.cli_run import opsdesk

MONTHS = [date(2025, m, 1) for m in range(1, 13)]
# name in the file -> monthly values as the cells hold them (percent cells as fractions).
DATA: dict[str, list[Any]] = {
    "OTIF": [0.931, 0.942, 0.918, 0.950, 0.955, 0.947, 0.939, 0.951, 0.958, 0.944, 0.949, 0.962],
    "Lead Time (days)": [6.4, 6.1, 5.9, 5.7, 5.6, 5.8, "n/a", 5.3, 5.2, 5.1, 5.05, 4.99],
    "Scrap": [0.018, 0.017, 0.019, 0.016, 0.015, 0.014, 0.016, 0.015, 0.017, 0.018, 0.019, 0.020],
    "Customer complaints": [7, 6, 8, 5, 4, 6, 5, 3, 4, 5, 6, 5],
    "OEE (Line 2)": [0.78, 0.80, 0.79, 0.82, 0.81, 0.83, 0.80, 0.79, 0.77, 0.75, 0.72, 0.70],
    "OEE (Line 3)": [0.84, 0.85, 0.86, 0.83, 0.84, 0.86, 0.87, 0.85, 0.84, 0.82, 0.81, 0.80],
    "Headcount": [112, 113, 113, 115, 116, 118, 118, 119, 120, 121, 121, 122],
}
PERCENT = ("OTIF", "OEE (Line 2)", "OEE (Line 3)")
RESTATED_NOVEMBER_OTIF = 0.959  # version 2 corrects 94.9 % to 95.9 %
# KPI (as created) -> (direction, target, how the review prints a value)
KPIS = {
    "Customer complaints": ("lower", 5, lambda v: f"{v:.0f}"),
    "Headcount": ("none", None, lambda v: f"{v:.1f}"),
    "Lead Time": ("lower", 6, lambda v: f"{v:.2f}"),
    "OEE (Line 2)": ("higher", 85, lambda v: f"{v:.1f}"),
    "OEE (Line 3)": ("higher", 85, lambda v: f"{v:.1f}"),
    "OTIF": ("higher", 95, lambda v: f"{v:.1f}"),
    "Scrap": ("lower", 0.015, lambda v: f"{v:.3f}"),
}
FILE_NAME = {"Lead Time": "Lead Time (days)"}
WORD = {"green": "On track", "amber": "At risk", "red": "Off track",
        "none": "No direction"}
SYMBOL = {"green": "●", "amber": "▲", "red": "■", "none": "◇"}


def status(direction: str, value: float, target: float | None) -> str:
    """Issue 5's rules, written out independently of opsdesk's code."""
    if direction == "none" or target is None:
        return "none"
    if direction == "higher":
        return "green" if value >= target else "amber" if value >= 0.9 * target else "red"
    return "green" if value <= target else "amber" if value <= 1.1 * target else "red"


def stored(kpi: str, month: int, restated: bool) -> float | None:
    """What the review should show for a month: percent cells as percentage points."""
    raw = DATA[FILE_NAME.get(kpi, kpi)][month]
    if kpi == "OTIF" and month == 10 and restated:
        raw = RESTATED_NOVEMBER_OTIF
    if not isinstance(raw, (int, float)):
        return None  # the "n/a" cell is left out, and only it
    return round(raw * 100, 6) if kpi in PERCENT else float(raw)


def workbook(path: Path, months: int, restate: bool) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "KPIs 2025"
    sheet.append(["Northwind Components – monthly KPIs 2025"])
    sheet.merge_cells("A1:H1")
    sheet.append([None, "Delivery", None, "Quality", None, "Equipment", None, "People"])
    for cells in ("B2:C2", "D2:E2", "F2:G2"):
        sheet.merge_cells(cells)
    sheet.append(["Month", *DATA])
    for m in range(months):
        values = [v[m] for v in DATA.values()]
        if restate and m == 10:
            values[0] = RESTATED_NOVEMBER_OTIF
        sheet.append([MONTHS[m], *values])
        row = sheet.max_row
        sheet.cell(row, 1).number_format = "mmm-yy"
        for column, name in enumerate(DATA, start=2):
            if name in PERCENT:
                sheet.cell(row, column).number_format = "0.0%"
    book.save(path)
    return path


def pdf_lines(path: Path) -> list[str]:
    """The PDF's text line by line, laid out as on the page (pdftotext -layout, else pypdf's
    layout mode, which the test dependencies bring)."""
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
    else:
        from pypdf import PdfReader

        text = "\n".join(p.extract_text(extraction_mode="layout") for p in PdfReader(path).pages)
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    return result.stdout


def test_a_client_workbook_becomes_a_correct_review(tmp_path: Path) -> None:
    ws = tmp_path / "client.opsdesk"
    ok(opsdesk("new", ws))
    first = workbook(tmp_path / "kpis-v1.xlsx", 11, restate=False)
    second = workbook(tmp_path / "kpis-v2.xlsx", 12, restate=True)

    # Version 1: the merged group row is not the header; the "n/a" costs July's lead time
    # only (7 KPIs x 11 months - 1); every new KPI's proposed meaning is printed.
    # Without --skip-invalid the "n/a" stops the import, saying where, and nothing changes.
    refused = opsdesk("import", ws, first)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert ("1 problem found in kpis-v1.xlsx; nothing was imported"
            in refused.stdout + refused.stderr)
    out = ok(opsdesk("import", ws, first, "--skip-invalid"))
    assert "row 10, column 'Lead Time (days)' ('n/a'): not a number" in out
    assert "Imported 76 observations" in out and "7 KPIs created" in out
    assert "OTIF: higher is better, unit %, mean, monthly" in out
    assert "Lead Time: lower is better, unit days, mean, monthly" in out
    assert "Scrap: lower is better, no unit" in out
    assert "Customer complaints: lower is better, unit count, sum, monthly" in out
    assert "OEE (Line 2): higher is better, unit %" in out
    assert "OEE (Line 3): higher is better, unit %" in out
    assert "Headcount: no direction yet (no status)" in out

    # Version 2 with defaults: December is new, November's OTIF is restated and kept.
    out = ok(opsdesk("import", ws, second, "--skip-invalid"))
    assert "Imported 7 observations" in out and "75 duplicates" in out
    assert "OTIF 2025-11-01: 94.9 → 95.9" in out and "kept; --update replaces them" in out
    # ... and replaced when asked.
    out = ok(opsdesk("import", ws, second, "--skip-invalid", "--update"))
    assert "1 changed (1 replaced)" in out

    for kpi, (_direction, target, _shown) in KPIS.items():
        if target is not None:
            ok(opsdesk("kpi", "target", ws, kpi, str(target), "--from", "2025-01-01"))
    pdf = tmp_path / "review.pdf"
    ok(opsdesk("report", ws, "--out", pdf))
    lines = pdf_lines(pdf)
    text = "\n".join(lines)

    # The review covers the twelve months to the end of December, December judged whole.
    assert "1 January 2025 – 31 December 2025" in text
    assert re.search(r"DATA AS OF\s+31 December 2025", text, re.I)
    assert "to date" not in text

    # The executive summary counts December's statuses, the KPI with no direction as such.
    december = [status(d, stored(kpi, 11, restated=True) or 0.0, t)
                for kpi, (d, t, _shown) in KPIS.items()]
    counts = {word: december.count(s) for s, word in (
        ("green", "on track"), ("amber", "at risk"), ("red", "off track"),
        ("none", "with no direction yet")) if december.count(s)}
    said = ", ".join(f"{n} {w}" for w, n in list(counts.items())[:-1])
    said += " and " + " ".join(map(str, reversed(list(counts.items())[-1])))
    assert f"Of the {len(KPIS)} KPIs in this review, {said}." in " ".join(text.split())

    # Scorecard: each KPI's December, its target and status.
    for kpi, (direction, target, shown) in KPIS.items():
        value = stored(kpi, 11, restated=True)
        assert value is not None
        word = WORD[status(direction, value, target)]
        goal = "–" if target is None else shown(target)
        row = [line for line in lines if re.match(rf"\s*{re.escape(kpi)}(?!\w).*2025-12\s", line)
               and "Process ·" not in line]
        assert row, f"no scorecard row for {kpi}"
        assert re.search(rf"2025-12\s+{re.escape(shown(value))}\s+{re.escape(goal)}\s+"
                         rf"\S\s+{word}", row[0]), row[0]

    # Bowling chart: the twelve months of 2025 (no empty 2024-12), every value and symbol.
    header = next(line for line in lines if line.lstrip().startswith("KPI") and "2025-01" in line)
    assert re.findall(r"\d{4}-\d{2}", header) == [f"2025-{m:02d}" for m in range(1, 13)]
    bowling = lines[lines.index(header):]
    actuals = [line for line in bowling if re.search(r"\bActual\b", line)][:len(KPIS)]
    for kpi, line in zip(sorted(KPIS, key=str.casefold), actuals, strict=True):
        direction, target, shown = KPIS[kpi]
        expected = []
        for month in range(12):
            value = stored(kpi, month, restated=True)
            if value is not None:
                expected.append((shown(value), SYMBOL[status(direction, value, target)]))
        cells = re.findall(r"(-?[\d.,]+)\s*([●▲■◇])", line)
        assert cells == expected, (kpi, line)

    # The appendix says which stored value the second file replaced, from what to what.
    assert "kpis-v2.xlsx replaced 1 stored value: OTIF 2025-11: 94.9 % → 95.9 %." in \
        " ".join(text.split())

    # Each KPI's page opens with its status and latest period.
    for kpi, (direction, target, shown) in KPIS.items():
        value = stored(kpi, 11, restated=True)
        assert value is not None
        # The last line numbered "4.n NAME" is the page's heading: pypdf's layout puts the
        # contents' page numbers apart from their entries, so an entry reads the same.
        heading = [i for i, line in enumerate(lines)
                   if re.match(rf"\d+\.\d+\s+{re.escape(kpi)}$", line.strip())][-1]
        page = lines[heading + 1:][:4]
        head = "\n".join(page)
        assert WORD[status(direction, value, target)] in head, head
        latest = rf"Latest period\s+2025-12: {re.escape(shown(value))}(?![\d.])"
        assert re.search(latest, head), head
