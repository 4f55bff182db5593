"""Readers: text encodings and delimiters, workbooks, merged cells, formulas, guards."""

from __future__ import annotations

import codecs
import time
import zipfile
from datetime import date
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import limits, source
from opsdesk.core.imports.header import detect_header, header_names, split_unit
from tests.core.imports import corpus

CSV = "Date,KPI,Value\n2024-01-01,Scrap rate,1.5\n2024-01-02,Scrap rate,2.5\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("cp1252", b""),
    ],
)
def test_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    content = "Date;KPI;Value\n2024-01-01;Température moyenne €;1,5\n"
    path = tmp_path / "t.csv"
    path.write_bytes(bom + content.encode(encoding))
    table = source.read(path)
    assert table.row(1) == ["2024-01-01", "Température moyenne €", "1,5"]
    assert table.delimiter == ";" and table.decimal_comma


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiters(tmp_path: Path, delimiter: str) -> None:
    path = corpus.text(tmp_path / "t.txt", CSV.replace(",", delimiter))
    table = source.read(path)
    assert table.delimiter == delimiter
    assert table.row(2) == ["2024-01-02", "Scrap rate", "2.5"]


def test_quoted_newlines_and_ragged_rows(tmp_path: Path) -> None:
    path = corpus.text(
        tmp_path / "t.csv",
        'Date,KPI,Value,Note\n2024-01-01,OEE,80,"two\nlines"\n2024-01-02,OEE\n2024-01-03,OEE,81,,x\n',
    )
    table = source.read(path)
    assert table.row(1)[3] == "two\nlines"
    assert table.row_numbers == [1, 2, 3, 4]  # records, as a spreadsheet numbers them
    assert table.field_counts[3] == (2, 2) and table.field_counts[4] == (5, 5)


def test_binary_file_named_csv(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    with pytest.raises(OpsdeskError, match="not a text file"):
        source.read(path)


def test_xlsx_types_merged_cells_and_title_rows(tmp_path: Path) -> None:
    path = corpus.xlsx(
        tmp_path / "t.xlsx",
        [
            ["Monthly report"],
            [],
            ["Site", "Date", "Lead time (days)"],
            ["North", date(2024, 1, 1), 3],
            [None, date(2024, 2, 1), 4],
        ],
        merged=["A1:C1", "A4:A5"],
    )
    table = source.read(path)
    header = detect_header(table)
    assert header == 1  # the title row (one value, merged across) and the blank row skipped
    assert table.row_numbers == [1, 3, 4, 5]
    assert table.row(3) == ["North", date(2024, 2, 1), 4.0]  # merged A4:A5 filled down
    assert header_names(table, header) == ["Site", "Date", "Lead time (days)"]
    assert split_unit("Lead time (days)") == ("Lead time", "days")
    assert split_unit("Scrap, %") == ("Scrap", "%")


def test_duplicate_and_blank_header_names(tmp_path: Path) -> None:
    path = corpus.text(tmp_path / "t.csv", "Value,Value,,x\n1,2,3,4\n")
    table = source.read(path)
    assert header_names(table, 0) == ["Value", "Value (2)", "Column C", "x"]


def test_ods(tmp_path: Path) -> None:
    path = corpus.ods(tmp_path / "t.ods", [["Date", "KPI", "Value"], ["2024-01-05", "OEE", 0.8]])
    assert source.read(path).row(1) == ["2024-01-05", "OEE", 0.8]


def test_formula_without_cached_value_is_found(tmp_path: Path) -> None:
    def text(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'

    rows = (
        f'<row r="1">{text("A1", "KPI")}{text("B1", "Value")}</row>'
        f'<row r="2">{text("A2", "OEE")}<c r="B2"><f>SUM(C1:C9)</f><v></v></c></row>'
        f'<row r="3">{text("A3", "OEE")}<c r="B3"><f>1+1</f><v>2</v></c></row>'
    )
    table = source.read(corpus.raw_sheet(tmp_path, "f", rows, "A1:B3"))
    assert table.row(1) == ["OEE", ""] and table.row(2) == ["OEE", 2.0]  # cached, not evaluated
    assert table.find_no_cached_value is not None
    assert table.find_no_cached_value() == {(2, "B")}


def test_wrong_extension_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OpsdeskError, match="not a xlsx workbook"):
        source.read(corpus.text(tmp_path / "t.xlsx", "a,b\n1,2\n"))
    with pytest.raises(OpsdeskError, match="no file"):
        source.read(tmp_path / "none.csv")
    with pytest.raises(OpsdeskError, match="not a file opsdesk imports"):
        source.read(corpus.text(tmp_path / "t.pdf", "x"))


# -- protection: each refused within seconds, before the parser allocates -----------------
def _quick_refusal(path: Path, match: str) -> None:
    started = time.perf_counter()
    with pytest.raises(OpsdeskError, match=match):
        source.read(path)
    assert time.perf_counter() - started < 5


def test_stray_cell_far_away(tmp_path: Path) -> None:
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>2</v></c></row>'
    )
    _quick_refusal(
        corpus.raw_sheet(tmp_path, "far", rows), "spans 1,048,576 rows by 16,384 columns"
    )


def test_far_row_out_of_order(tmp_path: Path) -> None:
    rows = (
        '<row r="900000"><c r="Z900000"><v>2</v></c></row><row r="1"><c r="A1"><v>1</v></c></row>'
    )
    _quick_refusal(corpus.raw_sheet(tmp_path, "ooo", rows), "spans 900,000 rows")


def test_dimension_that_lies_is_harmless(tmp_path: Path) -> None:
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>x</t></is></c></row>'
    table = source.read(corpus.raw_sheet(tmp_path, "lie", rows, dim="A1:Z1048576"))
    assert table.height == 1 and table.width == 1


def test_ods_repeats_that_claim_a_million_rows(tmp_path: Path) -> None:
    bomb = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'table:number-columns-repeated="100" office:value-type="float" office:value="1"/>'
        "</table:table-row>"
    )
    _quick_refusal(corpus.ods(tmp_path / "b.ods", [["a"]], bomb), "spans 1,000,001 rows")
    # LibreOffice ends every sheet with empty repeated rows: those are fine.
    tail = (
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    assert source.read(corpus.ods(tmp_path / "t.ods", [["a", 1.0]], tail)).height == 1


def test_zip_bomb(tmp_path: Path) -> None:
    base = corpus.xlsx(tmp_path / "base.xlsx", [["x"]])
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info.filename))
        with new.open("xl/media/padding.bin", "w") as part:  # 600 MB of zeros, ~600 KB packed
            block = bytes(1 << 20)
            for _ in range(600):
                part.write(block)
    _quick_refusal(path, "zip bomb")


def test_huge_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:  # sparse: 1 GB on paper, nothing on disk
        handle.truncate(1 << 30)
    _quick_refusal(path, f"up to {limits.MAX_FILE_BYTES // 2**20} MB")


def test_encrypted_workbook(tmp_path: Path) -> None:
    # An encrypted xlsx is an OLE compound file holding "EncryptionInfo" and
    # "EncryptedPackage" streams (MS-OFFCRYPTO 2.3.4); names are UTF-16 in the directory.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(
        limits.OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(4000)
    )
    _quick_refusal(path, "password-protected")


def test_damaged_zip(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    _quick_refusal(path, "damaged")
