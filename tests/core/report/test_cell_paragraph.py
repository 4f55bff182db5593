"""Table-cell paragraphs break their lines once per column width."""

from __future__ import annotations

from typing import Any

from opsdesk.core.report import styles
from opsdesk.core.report.tables import CellParagraph


def test_same_width_breaks_once_other_width_again(monkeypatch: Any) -> None:
    text = "Test 1: one point more than three sigma from the centre line"
    paragraph = CellParagraph(text, styles.sheet()["cell"])
    calls: list[list[float]] = []
    real = CellParagraph.breakLines

    def counted(self: Any, widths: list[float]) -> Any:
        calls.append(list(widths))
        return real(self, widths)

    monkeypatch.setattr(CellParagraph, "breakLines", counted)
    narrow = paragraph.wrap(60, 500)
    assert paragraph.wrap(60, 20) == narrow  # sizing, then drawing, at the same width
    assert len(calls) == 1
    wide = paragraph.wrap(400, 500)
    assert len(calls) == 2
    # 9.6 pt leading: the narrow column needs more lines than the wide one holds it in.
    assert narrow[1] > wide[1] and wide[1] == 9.6
