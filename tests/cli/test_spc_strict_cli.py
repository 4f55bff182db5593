"""``opsdesk spc``: strict JSON, and one sentence (never a Python warning) for parameters
and data a chart cannot use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error, opsdesk
from tests.conftest import DATASETS
from tests.core.spc.test_strict_json import strict

VISCOSITY = DATASETS / "spc" / "viscosity.csv"
JUICE = DATASETS / "spc" / "orangejuice.csv"


def test_spc_json_with_very_wide_specs_is_json() -> None:
    out = opsdesk("spc", DATASETS / "spc" / "viscosity.csv", "--chart", "i-mr", "--value",
                  "viscosity", "--lsl", "-1e6", "--usl", "1e6", "--json")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    cap = strict(out.stdout)["capability"]
    assert cap["z_bench_within"] > 1e4 and cap["z_bench_overall"] > 1e4
    assert cap["sigma_level"] == pytest.approx(cap["z_bench_overall"] + 1.5)


@pytest.mark.parametrize(("args", "sentence"), [
    ((VISCOSITY, "--chart", "i-mr", "--value", "viscosity", "--mu", "34", "--sigma", "-1"),
     "The historical sigma is -1; it must be more than 0."),
    ((VISCOSITY, "--chart", "i-mr", "--value", "viscosity", "--mu", "34", "--sigma", "0"),
     "The historical sigma is 0; it must be more than 0."),
    ((VISCOSITY, "--chart", "ewma", "--value", "viscosity", "--L", "-3"),
     "The EWMA limit width (L) is -3; it must be more than 0."),
    ((VISCOSITY, "--chart", "ewma", "--value", "viscosity", "--L", "0"),
     "The EWMA limit width (L) is 0; it must be more than 0."),
    ((VISCOSITY, "--chart", "i-mr", "--value", "viscosity", "--mu", "nan", "--sigma", "1"),
     "The historical mean (mu) is nan, outside the range opsdesk accepts (from -1e15 to "
     "1e15)."),
    ((VISCOSITY, "--chart", "i-mr", "--value", "viscosity", "--lsl", "nan", "--usl", "40"),
     "--lsl is nan, outside the range opsdesk accepts (from -1e15 to 1e15)."),
    ((JUICE, "--chart", "c", "--value", "D", "--mu", "-2"),
     "The historical average count c̄ (mu) is -2; it must be more than 0."),
    ((JUICE, "--chart", "p", "--value", "D", "--size", "size", "--mu", "1.5"),
     "The historical average proportion (mu) is 1.5; it must lie between 0 and 1."),
])
def test_impossible_parameters_get_one_sentence(args: tuple[object, ...], sentence: str
                                                ) -> None:
    assert one_line_error(opsdesk("spc", *args)) == f"opsdesk: {sentence}"


@pytest.mark.parametrize("chart", ["cusum", "ewma", "i-mr"])
def test_no_spread_gets_the_same_sentence_on_every_chart(tmp_path: Path, chart: str) -> None:
    flat = tmp_path / "flat.csv"
    flat.write_text("v\n" + "5\n" * 20, encoding="utf-8")
    assert one_line_error(opsdesk("spc", flat, "--chart", chart, "--value", "v")) == (
        "opsdesk: The data have no spread (every moving range is 0), so there are no "
        "control limits to draw.")


PISTONS = DATASETS / "spc" / "pistonrings.csv"
XBAR = ("spc", PISTONS, "--chart", "xbar-r", "--value", "diameter", "--subgroup", "sample",
        "--baseline", "1-25")


@pytest.mark.parametrize("suffix", ["png", "svg", "pdf"])
def test_spc_out_draws_the_chart(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"chart.{suffix}"
    run = opsdesk(*XBAR, "--out", out)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[-1] == f"Wrote the chart to {out}."
    head = out.read_bytes()[:8]
    assert head.startswith({"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[suffix])


def test_spc_out_with_spec_limits_draws_the_capability_charts_beside(tmp_path: Path) -> None:
    out = tmp_path / "rings.svg"
    run = opsdesk(*XBAR, "--lsl", "73.95", "--usl", "74.05", "--fit", "lognormal", "--out", out)
    assert run.returncode == 0, run.stderr
    histogram, probability = tmp_path / "rings-capability.svg", tmp_path / "rings-probability.svg"
    assert run.stdout.splitlines()[-1] == (
        f"Wrote the chart to {out}, its capability histogram to {histogram} and its "
        f"probability plot to {probability}.")
    assert "UCL = 74.01430" in out.read_text(encoding="utf-8")
    assert "lognormal fit" in histogram.read_text(encoding="utf-8")  # the --fit's curve
    assert "Lognormal probability plot" in probability.read_text(encoding="utf-8")


def test_spc_out_with_json_keeps_stdout_json(tmp_path: Path) -> None:
    out = tmp_path / "chart.svg"
    run = opsdesk(*XBAR, "--out", out, "--json")
    assert run.returncode == 0, run.stderr
    assert strict(run.stdout)["chart"] == "xbar-r"
    assert "UCL = 74.01430" in out.read_text(encoding="utf-8")  # Montgomery: 74.014


def test_pareto_out_draws_the_chart(tmp_path: Path) -> None:
    out = tmp_path / "pareto.pdf"
    run = opsdesk("pareto", DATASETS / "spc" / "pareto_errors.csv", "--category", "category",
                  "--count", "count", "--out", out)
    assert run.returncode == 0, run.stderr
    from pypdf import PdfReader

    text = PdfReader(out).pages[0].extract_text()
    assert "Pareto of category" in text and "Cumulative %" in text


@pytest.mark.parametrize(("name", "sentence"), [
    ("chart.jpg", "opsdesk: chart.jpg: give a file name ending in .png, .svg or .pdf for the "
     "chart."),
    ("missing/chart.png", "opsdesk: The folder {tmp}/missing does not exist, so chart.png "
     "cannot be written."),
])
def test_out_that_cannot_be_written_is_refused_first(tmp_path: Path, name: str,
                                                     sentence: str) -> None:
    run = opsdesk(*XBAR, "--out", tmp_path / name)
    assert one_line_error(run) == sentence.format(tmp=tmp_path)
    assert run.stdout == "" and list(tmp_path.iterdir()) == []
