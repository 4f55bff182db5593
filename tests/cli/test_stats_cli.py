"""``opsdesk stats`` run as the user runs it, on R's documented examples."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.cli_run import one_line_error
from tests.cli.cli_run import opsdesk as run
from tests.core.stats.test_groups_and_counts import PLANTS
from tests.core.stats.test_means import DRUG1, DRUG2


@pytest.fixture
def sleep(tmp_path: Path) -> Path:
    path = tmp_path / "sleep.csv"
    lines = ["extra,group"] + [f"{v},{g}" for g, vs in (("1", DRUG1), ("2", DRUG2))
                               for v in vs]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture
def plants(tmp_path: Path) -> Path:
    """Side by side, trt2 a value short (a ragged worksheet)."""
    path = tmp_path / "plants.csv"
    rows = ["ctrl,trt1,trt2"]
    for i in range(10):
        last = PLANTS["trt2"][i] if i < 9 else ""
        rows.append(f"{PLANTS['ctrl'][i]},{PLANTS['trt1'][i]},{last}")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_welch_sentence_and_json(sleep: Path) -> None:
    # R: t.test(extra ~ group, data = sleep): t = -1.8608, df = 17.776, p-value = 0.07939
    out = run("stats", sleep, "--test", "t2", "--value", "extra", "--by", "group")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("The data do not show that the mean of group 1 (0.75, "
                                 "n = 10) differs from the mean of group 2 (2.33, n = 10)")
    data = json.loads(run("stats", sleep, "--test", "t2", "--value", "extra", "--by",
                          "group", "--json").stdout)
    assert data["statistic"] == pytest.approx(-1.8608, abs=5e-5)
    assert data["p_value"] == pytest.approx(0.07939, abs=5e-6)


def test_ragged_columns_side_by_side(plants: Path) -> None:
    out = run("stats", plants, "--test", "describe", "--value", "ctrl,trt1,trt2", "--json")
    assert out.returncode == 0, out.stderr
    assert [c["n"] for c in json.loads(out.stdout)["columns"]] == [10, 10, 9]
    anova = run("stats", plants, "--test", "anova", "--value", "ctrl,trt1,trt2")
    assert anova.returncode == 0 and "one-way ANOVA" in anova.stdout


def test_chi_square_of_two_category_columns(tmp_path: Path) -> None:
    # scipy.stats.chi2_contingency documentation: [[10, 10, 20], [20, 20, 20]] gives
    # chi2 = 2.7778, p = 0.2494 -- here as counted rows with a count column.
    path = tmp_path / "c.csv"
    path.write_text("shift,defect,n\nA,x,10\nA,y,10\nA,z,20\nB,x,20\nB,y,20\nB,z,20\n")
    data = json.loads(run("stats", path, "--test", "chi2", "--value", "defect", "--by",
                          "shift", "--count", "n", "--json").stdout)
    assert data["statistic"] == pytest.approx(2.7777778, abs=1e-6)
    assert data["p_value"] == pytest.approx(0.2493522, abs=1e-6)


@pytest.mark.parametrize(("args", "words"), [
    (("--test", "t1", "--value", "extra"), "needs the mean to test against (--mu)"),
    (("--test", "t2", "--value", "extra"), "exactly 2 samples"),
    (("--test", "paired", "--value", "extra"), "two columns"),
    (("--test", "t1", "--value", "nope", "--mu", "1"), "Column 'nope' is not in"),
    (("--test", "prop2", "--value", "extra", "--by", "group"), "--event"),
])
def test_bad_input_one_sentence(sleep: Path, args: tuple[str, ...], words: str) -> None:
    assert words in one_line_error(run("stats", sleep, *args))
