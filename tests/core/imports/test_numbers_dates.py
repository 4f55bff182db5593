"""Cell parsers: numbers people type and dates spreadsheets hold."""

from __future__ import annotations

import pytest

from opsdesk.core.imports import dates
from opsdesk.core.imports.numbers import parse_number


@pytest.mark.parametrize(
    ("text", "decimal_comma", "expected"),
    [
        # Each expected value is the number a reader of the text would write down by hand.
        ("1,234.5", False, (1234.5, "")),
        ("1.234,5", False, (1234.5, "")),  # both marks: the last one is the decimal mark
        ("1 234,5 €", True, (1234.5, "€")),
        ("1\u00a0234.5", False, (1234.5, "")),  # no-break space between thousands
        ("1\u202f234", False, (1234.0, "")),  # narrow no-break space (French exports)
        ("1'234.50", False, (1234.5, "")),  # Swiss grouping
        ("85%", False, (85.0, "%")),
        ("85 %", False, (85.0, "%")),
        ("$1,200", False, (1200.0, "$")),
        ("EUR 12.5", False, (12.5, "EUR")),
        ("(1,234.00)", False, (-1234.0, "")),  # accounting negative
        ("−5", False, (-5.0, "")),  # Unicode minus
        ("1,5", False, (1.5, "")),  # one comma, not a group of three: a decimal comma
        ("1,234", False, (1234.0, "")),
        ("1,234", True, (1.234, "")),
        ("1.234", True, (1234.0, "")),
        ("0,85", True, (0.85, "")),
        ("3.5 days", False, (3.5, "days")),
        ("12h", False, (12.0, "h")),
        ("1e3", False, (1000.0, "")),
    ],
)
def test_numbers(text: str, decimal_comma: bool, expected: tuple[float, str]) -> None:
    assert parse_number(text, decimal_comma) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text", ["", "abc", "12 34", "1.2.3", "12,34,5", "nan", "inf", "KPI 07", "$12 €"]
)
def test_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("serial", "date1904", "expected"),
    [
        # Microsoft, "DATEVALUE function": January 1, 1900 is serial 1 and
        # January 1, 2008 is serial 39448 (1900 date system).
        (1, False, "1900-01-01"),
        (39448, False, "2008-01-01"),
        # Excel keeps a 1900-02-29 that never was as serial 60 (Lotus 1-2-3 compatibility,
        # Microsoft KB 214326): 59 is Feb 28 and 61 is March 1.
        (59, False, "1900-02-28"),
        (61, False, "1900-03-01"),
        # Microsoft, "Date systems in Excel": the 1904 system starts at 1904-01-01 = 0 and
        # its serials are 1,462 days smaller than the 1900 system's for the same day.
        (39448 - 1462, True, "2008-01-01"),
        (0.5 + 39448, False, "2008-01-01T12:00:00"),
    ],
)
def test_excel_serials(serial: float, date1904: bool, expected: str) -> None:
    assert dates.from_serial(serial, date1904) == (expected, None)


def test_excel_serial_60_is_not_a_day() -> None:
    assert dates.from_serial(60) == (None, dates.NOT_A_DATE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-01-31", "2024-01-31"),
        ("2024/01/31", "2024-01-31"),
        ("2024-01-31 14:05", "2024-01-31T14:05:00"),
        ("2024-01-31T14:05:07Z", "2024-01-31T14:05:07"),
        ("31/01/2024", "2024-01-31"),  # 31 cannot be a month: day-first
        ("01/31/2024", "2024-01-31"),  # 31 cannot be a month: month-first
        ("31.12.2024 23:59", "2024-12-31T23:59:00"),
        ("05/05/24", "2024-05-05"),  # both readings agree
        ("Jan 2024", "2024-01-01"),
        ("January 31, 2024", "2024-01-31"),
        ("31-Jan-24", "2024-01-31"),
        ("2024-03", "2024-03-01"),
        ("Q2 2024", "2024-04-01"),
        # ISO 8601 week 5 of 2024 starts on Monday 29 January 2024.
        ("2024-W05", "2024-01-29"),
    ],
)
def test_text_dates(text: str, expected: str) -> None:
    assert dates.parse_text(text) == (expected, None)


def test_ambiguous_dates_need_an_order() -> None:
    assert dates.parse_text("01/02/2024") == (None, dates.AMBIGUOUS)
    assert dates.parse_text("01/02/2024", "dmy") == ("2024-02-01", None)
    assert dates.parse_text("01/02/2024", "mdy") == ("2024-01-02", None)


def test_column_settles_the_order() -> None:
    assert dates.infer_order(["01/02/2024", "13/02/2024"]) == "dmy"
    assert dates.infer_order(["01/02/2024", "02/13/2024"]) == "mdy"
    assert dates.infer_order(["01/02/2024", "02/03/2024"]) is None
    assert dates.infer_order(["13/02/2024", "02/13/2024"]) is None  # mixed: no guess


@pytest.mark.parametrize("text", ["2024-02-30", "foo", "13/13/2024", "1899-12-31", "2101-01-01"])
def test_not_dates(text: str) -> None:
    assert dates.parse_text(text)[0] is None
