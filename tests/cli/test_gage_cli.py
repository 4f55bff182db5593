"""``opsdesk gage`` run as the user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.conftest import DATASETS

AIAG = DATASETS / "spc" / "gage_aiag.csv"
BASE = ("gage", str(AIAG), "--part", "part", "--operator", "operator", "--value", "value")


def test_json_is_exactly_the_issue_shape_with_minitabs_numbers() -> None:
    out = run(*BASE, "--tolerance", "8", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert list(data) == ["method", "interaction_p", "interaction_pooled", "components", "ndc"]
    assert list(data["components"]) == ["repeatability", "reproducibility", "operator",
                                        "operator_x_part", "gage_rr", "part", "total"]
    for comp in data["components"].values():
        assert list(comp) == ["variance", "pct_contribution", "study_var", "pct_study_var",
                              "pct_tolerance"]
    # Minitab Help, "Example of Crossed Gage R&R Study" (gageaiag, tolerance 8):
    # interaction P 0.974 (pooled), Total Gage R&R %Study Var 27.86, %Tolerance 22.68,
    # 4 distinct categories.
    assert data["method"] == "anova" and data["interaction_pooled"] is True
    assert data["interaction_p"] == pytest.approx(0.974, abs=5e-4)
    grr = data["components"]["gage_rr"]
    assert grr["pct_study_var"] == pytest.approx(27.86, abs=6e-3)
    assert grr["pct_tolerance"] == pytest.approx(22.68, abs=6e-3)
    assert data["ndc"] == 4


def test_xbar_r_text_names_the_verdict() -> None:
    out = run(*BASE, "--method", "xbar-r")
    assert out.returncode == 0, out.stderr
    # AIAG MSA 4th ed.: %GRR 26.68 % by the average and range method, ndc 5
    assert "26.7 % of the study variation" in out.stdout
    assert "5 distinct categories" in out.stdout
    json_out = json.loads(run(*BASE, "--method", "xbar-r", "--json").stdout)
    assert json_out["components"]["operator_x_part"] is None


def test_attribute_agreement(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("part,who,rating,std\n1,A,G,G\n1,A,G,G\n2,A,N,N\n2,A,N,N\n"
                    "1,B,G,G\n1,B,N,G\n2,B,N,N\n2,B,N,N\n")
    out = run("gage", str(path), "--part", "part", "--operator", "who", "--value", "rating",
              "--attribute", "--standard", "std", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    # by hand: A consistent on both parts, B on part 2 only; all four ratings agree on
    # part 2 only
    assert [a["within"]["matched"] for a in data["appraisers"]] == [2, 1]
    assert data["between"]["matched"] == 1


@pytest.mark.parametrize(("extra", "content", "words"), [
    ((), "part,operator,value\n1,A,1\n1,A,2\n2,A,1\n2,A,3\n1,B,1\n1,B,2\n",
     "Operator 'B' did not measure part '2'"),
    (("--tolerance", "-2"), None, "must be above 0"),
    ((), "part,operator,value\n1,A,1\n,A,2\n", "Row 3, column 'part' is empty."),
    (("--nested", "--method", "xbar-r"), None, "ANOVA only"),
    (("--nested",), None, "Part '1' was measured by operators 'A' and 'B'"),
])
def test_bad_input_one_sentence(tmp_path: Path, extra: tuple[str, ...], content: str | None,
                                words: str) -> None:
    path = AIAG
    if content is not None:
        path = tmp_path / "g.csv"
        path.write_text(content)
    line = one_line_error(run("gage", str(path), "--part", "part", "--operator", "operator",
                              "--value", "value", *extra))
    assert words in line
