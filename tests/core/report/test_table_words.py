"""Table cells never split a word: columns take the width of their widest word from
columns that can spare it, else their text shrinks; lines break at spaces, after hyphens,
and in file names after _ . - /."""

from __future__ import annotations

from io import BytesIO

import pytest

from opsdesk.core.report import cell_lines, fonts
from opsdesk.core.report.build import build_report
from opsdesk.core.report.config import ReportConfig
from opsdesk.core.report.tables import MIN_SIZE, SIZE, cell, data_table, file_cell, fit_columns
from tests.core.report.helpers import add_kpi, add_values, pdf_text

FILE = "plant_kpis_2026-restated.final.xlsx"


def _w(text: str) -> float:
    return cell_lines.width(text, fonts.BODY, SIZE)


def test_lines_break_at_spaces_and_hyphens_only() -> None:
    fonts.register()
    narrow = _w("Changeover") + 1
    assert cell_lines.lines("Changeover time", narrow, fonts.BODY, SIZE) == \
        ["Changeover", "time"]
    assert cell_lines.lines("On-time", _w("On-time") - 1, fonts.BODY, SIZE) == ["On-", "time"]
    # A hyphen in a number or a week is no break point: "2026-W46", "-3.5" stay whole.
    assert cell_lines.pieces("2026-W46") == ["2026-W46"]
    assert cell_lines.pieces("-3.5") == ["-3.5"]
    # A word wider than its column is never split here (tables.py shrinks its text first).
    assert cell_lines.widest_piece("Changeover time", fonts.BODY, SIZE) == _w("Changeover")


def test_file_names_break_after_separators() -> None:
    fonts.register()
    lines = cell_lines.lines(FILE, _w("plant_kpis_") + 1, fonts.BODY, SIZE, file_name=True)
    assert "".join(lines) == FILE
    assert lines == ["plant_kpis_", "2026-", "restated.", "final.xlsx"]
    assert cell_lines.is_file_name(FILE) and cell_lines.is_file_name("data/july.csv")
    assert not cell_lines.is_file_name("Changeover time")


def test_fit_columns_by_hand() -> None:
    # Short by 40 - 20 = 20; the first column spares 100 - 30 = 70: it gives the 20.
    assert fit_columns([100, 20], [30, 40]) == ([80, 40], [SIZE, SIZE])
    # Short by 48 - 40 = 8, only 40 - 36 = 4 to spare: widths 36 and 44; the second's
    # text shrinks by (44 - 2 x 4) / (48 - 2 x 4) = 36 / 40 = 0.9 -> 7.8 x 0.9 = 7.02 pt.
    widths, sizes = fit_columns([40, 40], [36, 48])
    assert widths == [36, 44]
    assert sizes == [SIZE, pytest.approx(7.02)]


def test_table_headers_keep_their_words() -> None:
    fonts.register()
    header = ["File", "Imported", "By", "Read", "Imported", "Skipped", "Duplicates", "State"]
    width = 493.0  # A4 portrait text width, the appendix's import table
    shares = (0.3, 0.14, 0.1, 0.09, 0.09, 0.09, 0.09, 0.1)
    rows = [[file_cell(FILE), cell("2026-02-01 09:30"), cell("Dana Reyes"), *["12"] * 4,
             cell("kept")]]
    table = data_table(header, rows, [width * f for f in shares])
    head = table._cellvalues[0]
    assert head == header  # every header on one line, whole
    bold = [cell_lines.width(h, fonts.BOLD, SIZE) + 8 for h in header]
    assert all(w >= b - 1e-6 for w, b in zip(table._colWidths, bold, strict=True))
    assert sum(table._colWidths) == pytest.approx(width)


def test_a_hopeless_column_shrinks_its_text_rather_than_split_words() -> None:
    fonts.register()
    word = "Supercalifragilistic"
    table = data_table(["A", "B"], [[cell(word), cell("x")]], [40, 40])
    assert table._cellvalues[1][0] == word
    size = table._cellStyles[1][0].fontsize
    assert MIN_SIZE <= size < SIZE
    # It fits in what its column got: all of the 80 but what "B" (bold header) needs.
    assert cell_lines.width(word, fonts.BODY, size) <= table._colWidths[0] - 8 + 1e-6
    assert table._colWidths[1] == pytest.approx(cell_lines.width("B", fonts.BOLD, SIZE) + 8)


def test_review_prints_whole_words(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.transaction() as conn:
        kpi = add_kpi(conn, "Changeover time", target=25.0, unit="min")
        add_values(conn, kpi, [("2026-01-15", 27.0)])
        conn.execute(
            "INSERT INTO imports (file_name, content_hash, rows_read, rows_imported,"
            " duplicates, imported_at) VALUES (?, 'x', 12, 12, 3, '2026-02-01T09:30:00')",
            (FILE,))
        conn.execute(
            "INSERT INTO projects (name, status, owner, kpi_id, created_at, updated_at)"
            " VALUES ('Quick changeover', 'active', 'Ana', ?, '2026-01-01', '2026-01-01')",
            (kpi,))
    sink = BytesIO()
    build_report(workspace.conn, None, ReportConfig(
        sections=("projects", "appendix"), period_from="2026-01-01", period_to="2026-01-31"),
        sink=sink)
    lines = [line.strip() for line in pdf_text(sink.getvalue()).splitlines()]
    for word in ("Imported", "Duplicates", "Status", "Changeover"):
        assert any(word in line.split() for line in lines), word
    for fragment in ("Importe", "Duplica", "Statu", "Changeov", "d", "tes", "s", "er time"):
        assert fragment not in lines, fragment
