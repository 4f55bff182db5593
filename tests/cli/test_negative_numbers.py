"""Negative numbers in scientific notation are values, for every numeric option."""

from __future__ import annotations

import argparse

import pytest

from opsdesk.cli import OneLineParser, build_parser
from tests.cli.cli_run import opsdesk
from tests.conftest import DATASETS


def _numeric_options(parser: argparse.ArgumentParser, verbs: tuple[str, ...] = ()
                     ) -> list[tuple[tuple[str, ...], str]]:
    """(verbs, option) for every option of every command that takes a number."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for verb, sub in action.choices.items():
                assert isinstance(sub, OneLineParser), verb
                found += _numeric_options(sub, (*verbs, verb))
        elif action.option_strings and action.type in (float, int):
            found.append((verbs, action.option_strings[-1]))
    return found


def test_every_numeric_option_takes_a_negative_exponent(capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    options = _numeric_options(build_parser())
    assert (("spc",), "--lsl") in options and (("pareto",), "--other-below") in options
    for verbs, option in options:
        for text in ("-1e-3", "-2E5", "-1.5e+2", "-.5e1"):
            with pytest.raises(SystemExit):  # the positionals are missing: that is all
                build_parser(verbs[0]).parse_args([*verbs, option, text])
            error = capsys.readouterr().err
            assert "expected one argument" not in error, (verbs, option, text, error)


def test_plain_numbers_and_options_still_tell_apart() -> None:
    parser = OneLineParser()
    parser.add_argument("--x", type=float)
    parser.add_argument("--flag", action="store_true")
    assert parser.parse_args(["--x", "-1e-3"]).x == -0.001
    assert parser.parse_args(["--x", "-7"]).x == -7
    assert parser.parse_args(["--x", "-0.25", "--flag"]).flag


def test_spc_lsl_in_scientific_notation() -> None:
    out = opsdesk("spc", DATASETS / "spc" / "viscosity.csv", "--chart", "i-mr", "--value",
                  "viscosity", "--lsl", "-1e-3", "--usl", "1e2", "--json")
    assert out.returncode == 0, out.stderr
    assert '"lsl": -0.001' in out.stdout
