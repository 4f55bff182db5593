"""Hypothesis: the cell parsers and the text reader never crash, and read back what was written."""

from __future__ import annotations

import csv
import io
import math
import tempfile
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.imports import dates, plan, source
from opsdesk.core.imports.numbers import parse_number
from opsdesk.core.workspace import Workspace

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.text(max_size=40), st.booleans())
def test_parse_number_never_crashes(text: str, decimal_comma: bool) -> None:
    result = parse_number(text, decimal_comma)
    assert result is None or (math.isfinite(result[0]) and isinstance(result[1], str))


@FUZZ
@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False), st.booleans())
def test_grouped_numbers_read_back(value: object, decimal_comma: bool) -> None:
    text = f"{value:,.2f}"  # 1,234,567.89
    if decimal_comma:  # 1.234.567,89
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    parsed = parse_number(text, decimal_comma)
    assert parsed is not None and parsed[0] == float(value)  # type: ignore[arg-type]


@FUZZ
@given(st.text(max_size=40), st.sampled_from([None, "dmy", "mdy"]))
def test_parse_date_never_crashes(text: str, order: str | None) -> None:
    iso, reason = dates.parse_text(text, order)
    assert (iso is None) != (reason is None)


@FUZZ
@given(st.dates(min_value=date(1900, 3, 1), max_value=date(2100, 12, 31)))
def test_dates_read_back(day: date) -> None:
    assert dates.parse_text(day.strftime("%d/%m/%Y"), "dmy") == (day.isoformat(), None)
    assert dates.parse_text(day.strftime("%m/%d/%Y"), "mdy") == (day.isoformat(), None)
    assert dates.parse_text(day.strftime("%d %b %Y")) == (day.isoformat(), None)
    # Serial = days since 1899-12-30 for every date after 1900-02-28 (1900 system).
    assert dates.from_serial((day - date(1899, 12, 30)).days) == (day.isoformat(), None)


cell = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), max_size=12
)


@FUZZ
@given(
    st.lists(st.lists(cell, min_size=3, max_size=3), min_size=1, max_size=8),
    st.sampled_from([",", ";", "\t", "|"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)
def test_text_files_read_back(rows: list[list[str]], delimiter: str, encoding: str) -> None:
    header = ["Alpha", "Beta", "Gamma"]
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows([header, *rows])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(out.getvalue().encode(encoding))
        try:
            table = source.read(path)
        except OpsdeskError:
            return  # a clear refusal is allowed; a crash is not
        if table.delimiter == delimiter and table.letters == ["A", "B", "C"]:
            assert table.row(0) == header
            kept = [r for r in rows if any(c.strip() for c in r)]
            assert [[c.strip() and c for c in table.row(i)] for i in range(1, table.height)] == [
                [c if c.strip() else "" for c in r] for r in kept
            ]


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_give_a_result_or_a_message(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_bytes(data)
        with Workspace.open(Path(folder) / "w.opsdesk", create=True) as ws:
            try:
                prepared = plan.prepare(ws.conn, path, plan.Options())
            except OpsdeskError as error:
                assert str(error) and "\n" not in str(error)
            else:
                assert prepared.parsed.rows_read >= 0


@FUZZ
@given(
    st.lists(
        st.tuples(
            st.integers(0, 3000),
            st.sampled_from(["OEE", "Scrap", "Yield"]),
            st.floats(-1e6, 1e6, allow_nan=False),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_long_csv_values_survive(rows: list[tuple[int, str, float]]) -> None:
    start = date(2020, 1, 1)
    text = "Date,KPI,Value\n" + "".join(
        f"{(start + timedelta(days=d)).isoformat()},{k},{v!r}\n" for d, k, v in rows
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "f.csv"
        path.write_text(text, encoding="utf-8")
        with Workspace.open(Path(folder) / "w.opsdesk", create=True) as ws:
            prepared = plan.prepare(ws.conn, path, plan.Options())
            firsts: dict[tuple[int, str], float] = {}
            for d, k, v in rows:
                firsts.setdefault((d, k), v)
            assert len(prepared.parsed) - len(prepared.excluded) == len(firsts)
            kept = {
                (prepared.parsed.ts[i], prepared.parsed.kpi[i]): prepared.parsed.value[i]
                for i in range(len(prepared.parsed))
                if i not in prepared.excluded
            }
            assert kept == {
                ((start + timedelta(days=d)).isoformat(), k): v for (d, k), v in firsts.items()
            }
