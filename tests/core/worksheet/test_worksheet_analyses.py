"""The sixpack, gage R&R and statistics of worksheet columns: the numbers of the
published examples, and the very lines the command line prints for the same columns
saved as a file (no Qt here)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.msa.run_gage import GageRequest, run_gage
from opsdesk.core.msa.text import study_lines
from opsdesk.core.spc.run_spc import SpcRequest, run_request
from opsdesk.core.spc.summary import summary_lines
from opsdesk.core.spc.table_input import Table
from opsdesk.core.stats.run_stats import StatsRequest, run_stats
from opsdesk.core.stats.text import stats_lines
from opsdesk.core.worksheet.grid import Grid, from_rows
from opsdesk.core.worksheet.run_analysis import run_analysis
from opsdesk.core.worksheet.sixpack_analysis import SixpackRequest
from tests.conftest import DATASETS

AIAG = DATASETS / "spc" / "gage_aiag.csv"
PISTONS = DATASETS / "spc" / "pistonrings.csv"
# Student (1908), Biometrika 6: extra hours of sleep under two drugs (R's ``sleep``).
DRUG1 = ["0.7", "-1.6", "-0.2", "-1.2", "-0.1", "3.4", "3.7", "0.8", "0.0", "2.0"]
DRUG2 = ["1.9", "0.8", "1.1", "0.1", "-0.1", "4.4", "5.5", "1.6", "4.6", "3.4"]


def grid_of(path: Path, keep: str | None = None) -> Grid:
    with path.open(newline="") as f:
        rows = list(csv.reader(f))
    if keep is not None:  # only the rows whose column ``keep`` says TRUE
        col = rows[0].index(keep)
        rows = [rows[0], *(r for r in rows[1:] if r[col] == "TRUE")]
    return from_rows(rows)


def saved(grid: Grid, tmp_path: Path) -> Table:
    """The grid as a CSV file, read as ``opsdesk`` reads a file."""
    path = tmp_path / "sheet.csv"
    with path.open("w", newline="") as f:
        csv.writer(f).writerows([grid.names, *zip(*grid.columns, strict=True)])
    return Table(path)


def test_gage_rr_of_the_aiag_columns_gives_minitabs_numbers_and_the_cli_lines() -> None:
    grid = grid_of(AIAG)
    request = GageRequest("part", "operator", "value", tolerance=8)
    analysis = run_analysis(grid, "gage", request)
    assert list(analysis.lines) == study_lines(run_gage(Table(AIAG), request))
    text = "\n".join(analysis.lines)
    # Minitab Help, "Example of Crossed Gage R&R Study" (gageaiag, tolerance 8): the
    # interaction's P 0.974 (pooled), Total Gage R&R %Study Var 27.86, %Tolerance 22.68,
    # 4 distinct categories.
    assert "0.974" in text
    grr = next(line for line in analysis.lines if line.strip().startswith("Total gage R&R"))
    assert grr.split()[-2:] == ["27.86", "22.68"]
    assert "Number of distinct categories: 4" in text
    assert [s.title for s in analysis.specs] == [
        "Components of variation", "R chart by operator", "X̄ chart by operator",
        "Measurements by part", "Measurements by operator", "Operator × part interaction"]


def test_gage_rr_by_average_and_range_gives_the_aiag_manuals_grr() -> None:
    analysis = run_analysis(grid_of(AIAG), "gage",
                            GageRequest("part", "operator", "value", method="xbar-r"))
    # AIAG MSA 4th ed., average and range method: %GRR 26.68 %, ndc 5.
    assert analysis.lines[0] == "Gage R&R (crossed, X̄-R)"
    assert "26.7 % of the study variation" in analysis.lines[-1]
    assert "5 distinct categories" in analysis.lines[-1]
    assert len(analysis.specs) == 6


def test_sixpack_of_montgomerys_piston_rings(tmp_path: Path) -> None:
    grid = grid_of(PISTONS, keep="trial")
    analysis = run_analysis(grid, "rings", SixpackRequest("diameter", "sample",
                                                           lsl=73.95, usl=74.05))
    # Montgomery ISQC, Example 5-1 (6.1 later): the 25 trial samples are in control;
    # Cp = 0.10 / (6 x 0.0099) = 1.68 with R-bar rounded (1.65 .. 1.72 unrounded).
    assert analysis.lines[0].startswith("The process is in statistical control")
    cp = next(line for line in analysis.lines if line.strip().startswith("Cp "))
    assert 1.65 <= float(cp.split()[-1]) <= 1.72
    # then the lines `opsdesk spc --chart xbar-r --lsl 73.95 --usl 74.05` prints
    result, cap, payload = run_request(saved(grid, tmp_path), SpcRequest(
        chart="xbar-r", value="diameter", subgroup="sample", lsl=73.95, usl=74.05))
    assert list(analysis.lines[1:-1]) == summary_lines(result, cap, payload.get("capability"))
    assert analysis.lines[-1].startswith("Normality: Anderson-Darling")
    assert [s.title for s in analysis.specs][2:] == [
        "Last 25 subgroups", "diameter: capability histogram", "Normal probability plot",
        "Capability plot"]


def test_a_sixpack_with_a_fit_shows_that_distribution_not_the_normal() -> None:
    grid = grid_of(PISTONS, keep="trial")
    analysis = run_analysis(grid, "rings", SixpackRequest(
        "diameter", "sample", lsl=73.95, usl=74.05, fit="lognormal"))
    assert [s.title for s in analysis.specs][2:] == [
        "Last 25 subgroups", "diameter: capability histogram, lognormal fit",
        "Lognormal probability plot", "Capability plot"]


def test_sixpack_says_first_when_the_process_is_not_in_control() -> None:
    # Montgomery's 40 samples: samples 37-39 lie above the X-bar chart's UCL.
    analysis = run_analysis(grid_of(PISTONS), "rings",
                            SixpackRequest("diameter", "sample", lsl=73.95, usl=74.05))
    assert analysis.lines[0].startswith("The process is not in statistical control")


def test_two_sample_t_of_two_columns_matches_r_and_the_cli(tmp_path: Path) -> None:
    grid = Grid(("Drug 1", "Drug 2"), (tuple(DRUG1), tuple(DRUG2)))
    request = StatsRequest("t2", "Drug 1,Drug 2")
    analysis = run_analysis(grid, "sleep", request)
    assert analysis.specs == ()
    assert list(analysis.lines) == stats_lines(run_stats(saved(grid, tmp_path), request), "t2")
    # R: t.test(extra ~ group, data = sleep): Welch, t = -1.8608, df = 17.776, p = 0.07939.
    assert "t = -1.861" in analysis.lines[0] and "p = 0.079" in analysis.lines[0]


def test_stacked_samples_and_short_columns() -> None:
    # Stacked: one value column, the group of each row beside it (as the CLI's --by).
    grid = Grid(("Hours", "Drug", "Note"), (tuple(DRUG1 + DRUG2),
                                            tuple(["1"] * 10 + ["2"] * 10), ("x",) + ("",) * 19))
    stacked = run_analysis(grid, "sleep", StatsRequest("t2", "Hours", by="Drug"))
    assert "t = -1.861" in stacked.lines[0]
    # Paired: R with(sleep, t.test(extra[group == 1], extra[group == 2], paired = TRUE)):
    # t = -4.0621, df = 9, p-value = 0.002833.
    pairs = Grid(("Before", "After", "Other"),
                 (tuple(DRUG1), tuple(DRUG2), ("1", "2", "3") + ("",) * 7))
    paired = run_analysis(pairs, "sleep", StatsRequest("paired", "Before,After"))
    assert "t = -4.062" in paired.lines[0] and "p = 0.003" in paired.lines[0]
    # A shorter column of its own ends at its last value (describe a 3-value column).
    short = run_analysis(pairs, "sleep", StatsRequest("describe", "Other"))
    assert short.lines[0].startswith("Other: 3 values, mean 2")


@pytest.mark.parametrize(("request_", "words"), [
    (GageRequest("part", "operator", "operator"), "three different columns"),
    (GageRequest("part", "operator", "trial", method="xbar-r", tolerance=-1),
     "must be above 0"),
    (GageRequest("part", "Operator", "value"), "There is no column 'Operator' in the worksheet"),
    (SixpackRequest("value"), "needs a specification limit"),
    (SixpackRequest("value", lsl=2, usl=1), "must be below the USL"),
    (SixpackRequest("operator", usl=3), "Row 1, column 'operator' holds 'A', which is "
     "not a number"),
    (StatsRequest("t1", "value"), "needs the mean to test against"),
    (StatsRequest("anova", "operator", by="part"), "Row 1, column 'operator' holds 'A'"),
])
def test_wrong_columns_are_one_sentence(request_: object, words: str) -> None:
    with pytest.raises(OpsdeskError, match=words):
        run_analysis(grid_of(AIAG), "gage", request_)  # type: ignore[arg-type]


def test_too_few_values_is_one_sentence() -> None:
    grid = Grid(("x",), (("1.5",),))
    with pytest.raises(OpsdeskError) as error:
        run_analysis(grid, "tiny", SixpackRequest("x", lsl=0.0, usl=3.0))
    assert "\n" not in str(error.value) and str(error.value).endswith(".")
