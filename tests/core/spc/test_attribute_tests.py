"""Tests asked for on an attributes chart are applied, never dropped; by default an
attributes chart takes tests 1 to 4 (Minitab's P, NP, C and U charts offer those four).

The data, by hand: 20 samples of n = 100 with 200 defectives in all, so p-bar = 200 / 2000
= 0.1 and sigma = sqrt(0.1 x 0.9 / 100) = 0.03: centre 0.10, 1 sigma 0.07..0.13, 2 sigma
0.04..0.16, limits 0.01..0.19. Samples 6 and 7 (17 defectives, p = 0.17) are beyond 2 sigma
on the same side: test 5 (2 out of 3 beyond 2 sigma) at sample 7, the last of the window
5..7. No point is beyond the limits (test 1); points on the centre line (0.10) break every
one-side run (test 2) and the longest rise is 8, 10, 12 (test 3 needs 6); the longest
alternation is 7 points (test 4 needs 14); no four of five are beyond 1 sigma on one side
(test 6: only 0.17, 0.17 above 0.13; 0.06, 0.05 below 0.07 are 8 samples apart).
"""

from __future__ import annotations

import json

import pytest

from opsdesk.core.errors import OpsdeskError
from opsdesk.core.spc import ChartOptions, RuleConfig, control_chart
from tests.cli.cli_run import opsdesk

COUNTS = [10, 8, 10, 12, 10, 17, 17, 10, 8, 10, 6, 10, 9, 10, 11, 10, 7, 10, 5, 10]
SIZES = [100.0] * 20


def _p_chart(rules: RuleConfig) -> tuple[dict[int, float], list[tuple[int, list[int]]]]:
    panel = control_chart("p", COUNTS, sizes=SIZES, options=ChartOptions(rules=rules)).panels[0]
    assert panel.center[0] == pytest.approx(0.1) and panel.ucl[0] == pytest.approx(0.19)
    return panel.tests, panel.signals()


def test_default_is_tests_1_to_4() -> None:
    tests, signals = _p_chart(RuleConfig())
    assert set(tests) == {1, 2, 3, 4}
    assert signals == []


def test_western_electric_set_is_applied() -> None:
    tests, signals = _p_chart(RuleConfig("we"))
    assert tests == {1: 3, 2: 8, 5: 2, 6: 4}  # Western Electric Handbook (1956)
    assert signals == [(6, [5])]  # sample 7, zero-based 6


def test_a_test_list_is_applied() -> None:
    tests, signals = _p_chart(RuleConfig(tests=frozenset({5, 6})))
    assert set(tests) == {5, 6}
    assert signals == [(6, [5])]


@pytest.mark.parametrize("chart", ["np", "c", "u", "laney-p", "laney-u"])
def test_every_attributes_chart_applies_a_test_list(chart: str) -> None:
    panel = control_chart(chart, COUNTS, sizes=SIZES,
                          options=ChartOptions(rules=RuleConfig(tests=frozenset({5, 6})))
                          ).panels[0]
    assert set(panel.tests) == {5, 6}


def test_tests_a_panel_cannot_apply_are_named_in_the_notes() -> None:
    we = ChartOptions(rules=RuleConfig("we"))
    imr = control_chart("i-mr", [float(c) for c in COUNTS], options=we)
    assert set(imr.panels[1].tests) == {1, 2}
    assert ("Tests 5, 6 applied to the Individual value panel only: the Moving range (MR) "
            "panel takes tests 1 to 4, as in Minitab.") in imr.notes
    ewma = control_chart("ewma", [float(c) for c in COUNTS], options=we)
    assert any(n.startswith("Tests 2, 5, 6 not applied: each point of the EWMA chart")
               for n in ewma.notes)
    run = control_chart("run", [float(c) for c in COUNTS], options=we)
    assert "Tests 1, 2, 5, 6 not applied: a run chart is judged by Anhøj's runs rules." \
        in run.notes
    # The default set asks for nothing in particular: no such notes.
    assert not any("not applied" in n or "only:" in n
                   for n in control_chart("i-mr", [float(c) for c in COUNTS]).notes)


def test_unknown_test_is_refused() -> None:
    with pytest.raises(OpsdeskError, match="There is no test 9"):
        _p_chart(RuleConfig(tests=frozenset({9})))


@pytest.mark.parametrize("args", [["--rules", "we"], ["--tests", "5,6"]])
def test_cli_p_chart_honours_the_request(tmp_path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "p.csv"
    src.write_text("day,d,n\n" + "".join(f"2026-01-{i + 1:02d},{c},100\n"
                                         for i, c in enumerate(COUNTS)))
    base = ["spc", src, "--chart", "p", "--value", "d", "--size", "n", "--subgroup", "day"]
    out = opsdesk(*base, *args, "--json")
    assert out.returncode == 0, out.stderr
    panel = json.loads(out.stdout)["panels"][0]
    assert {"5", "6"} <= set(panel["tests"])
    assert panel["signals"] == [{"label": "2026-01-07", "rules": [5]}]
    default = json.loads(opsdesk(*base, "--json").stdout)["panels"][0]
    assert set(default["tests"]) == {"1", "2", "3", "4"} and default["signals"] == []
