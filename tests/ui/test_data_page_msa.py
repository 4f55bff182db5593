"""The Data page's nested gage R&R and attribute agreement: the studies of
``opsdesk gage --nested`` and ``--attribute``, on pasted columns, with the CLI's lines."""

from __future__ import annotations

from pathlib import Path

from opsdesk.core.msa.run_gage import GageRequest, run_gage
from opsdesk.core.msa.text import study_lines
from opsdesk.core.spc.table_input import Table
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.worksheet.analysis_panel import GAGE
from tests.core.msa.test_gage_nested import PURITY
from tests.ui.test_data_page_analyses import pasted, pick, run, visible

# Fleiss-style hand count (tests/cli/test_gage_cli.py): appraiser A rates both parts
# alike twice, B part 2 only; all four ratings agree on part 2 only.
RATINGS = ("part\twho\trating\tstandard\n1\tA\tG\tG\n1\tA\tG\tG\n2\tA\tN\tN\n2\tA\tN\tN\n"
           "1\tB\tG\tG\n1\tB\tN\tG\n2\tB\tN\tN\n2\tB\tN\tN\n")


def test_nested_study_from_the_page_matches_montgomery(window: MainWindow,
                                                       tmp_path: Path) -> None:
    rows = [f"{s}-{b}\t{s}\t{v}" for s, batches in PURITY.items()
            for b, obs in enumerate(batches, 1) for v in obs]
    text = "batch\tsupplier\tpurity\n" + "\n".join(rows) + "\n"
    page = pasted(window, text)
    pick(page.panel.family_box, GAGE)
    gage = page.panel.gage
    pick(gage.part_box, "batch")
    pick(gage.operator_box, "supplier")
    pick(gage.value_box, "purity")
    pick(gage.method_box, "nested")
    shown = run(window, page)
    path = tmp_path / "purity.csv"
    path.write_text(text.replace("\t", ","), encoding="utf-8")
    request = GageRequest("batch", "supplier", "purity", nested=True)
    assert shown == "\n".join(study_lines(run_gage(Table(path), request)))
    # Montgomery, Design and Analysis of Experiments, Example 14.1 / Table 14.4: batches
    # within suppliers df 9, MS 7.77, F 2.94; error df 24, MS 2.64
    assert "Part (operator)      9      69.917      7.7685     2.944" in shown
    assert "Repeatability       24      63.333      2.6389" in shown


def test_attribute_agreement_from_the_page(window: MainWindow, tmp_path: Path) -> None:
    page = pasted(window, RATINGS)
    pick(page.panel.family_box, GAGE)
    gage = page.panel.gage
    pick(gage.method_box, "attribute")
    assert visible(page, gage.standard_box, gage.tolerance_box) == [True, False]
    assert gage.standard_box.currentText() == "standard"
    pick(gage.operator_box, "who")
    pick(gage.value_box, "rating")
    shown = run(window, page)
    path = tmp_path / "ratings.csv"
    path.write_text(RATINGS.replace("\t", ","), encoding="utf-8")
    request = GageRequest("part", "who", "rating", attribute=True, standard="standard")
    assert shown == "\n".join(study_lines(run_gage(Table(path), request)))
    assert page.results.charts == []
