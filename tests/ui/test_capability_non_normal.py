"""The Control charts page's capability tab judges data that are not normal as
``opsdesk spc --transform/--fit`` does: Box-Cox indices in the table, or the Johnson and
fitted-distribution (percentile method, ISO 22514-2) lines under it."""

from __future__ import annotations

from typing import Any

from opsdesk.core.workspace.commands import now_iso
from opsdesk.ui.main_window import MainWindow
from tests.ui.test_control_charts_page import open_page
from tests.ui.test_data_page_analyses import pick

# The exponential example worked by hand in tests/core/spc/test_capability_more.py
# (ISO 22514-2): scale 2 (the mean of 1, 2, 3, 0.5, 3.5), LSL 0.01, USL 15: X0.135 =
# -2 ln 0.99865 = 0.0027018, X50 = 2 ln 2 = 1.3862944, X99.865 = -2 ln 0.00135 =
# 13.2153014; Pp = 14.99 / 13.2125996 = 1.1345, PPU = (15 - 1.3862944) / 11.829007 =
# 1.1509, PPL = (1.3862944 - 0.01) / 1.3835926 = 0.9947 = Ppk.
WAITS = (1.0, 2.0, 3.0, 0.5, 3.5)


def _seed(window: MainWindow) -> int:
    ws = window.ctx.workspace
    assert ws is not None
    with ws.transaction() as conn:
        stamp = now_iso()
        kpi = conn.execute(
            "INSERT INTO kpis (name, unit, lsl, usl, created_at, updated_at)"
            " VALUES ('Wait', 'h', 0.01, 15, ?, ?)", (stamp, stamp)).lastrowid
        conn.executemany(
            "INSERT INTO observations (kpi_id, ts, value, created_at) VALUES (?, ?, ?, ?)",
            [(kpi, f"2026-01-{i + 1:02d}T00:00:00", v, stamp) for i, v in enumerate(WAITS)])
    return int(kpi)


def _indices(lines: str, heading: str) -> dict[str, str]:
    rows = lines.splitlines()
    start = next(i for i, r in enumerate(rows) if r.startswith(heading))
    return {r.split()[0]: r.split()[-1] for r in rows[start + 1:] if r.startswith("  ")}


def test_each_non_normal_method_from_the_capability_tab(window: MainWindow,
                                                        qtbot: Any) -> None:
    kpi = _seed(window)
    page = open_page(window)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    panel = page.capability
    page.tabs.setCurrentWidget(panel)
    assert panel.method() == (None, None) and panel.non_normal_text.isHidden()
    plain_cp = panel.model.index(2, 1).data()

    pick(panel.non_normal, "exponential")
    qtbot.waitUntil(lambda: not panel.non_normal_text.isHidden())
    found = _indices(panel.non_normal_text.text(),
                     "Capability by the percentile method on the exponential fit")
    assert (found["Pp"], found["Ppl"], found["Ppu"], found["Ppk"]) == (
        "1.135", "0.995", "1.151", "0.995")
    # the histogram draws the exponential curve the indices come from, not the normal ones
    curves = [c.name for c in panel.histogram.spec.panels[0].series]
    assert curves == ["Exponential fit"]
    assert panel.histogram.spec.title.endswith("exponential fit")
    # and the probability plot is that distribution's: the points against its quantiles
    assert panel.probability.spec.title == "Exponential probability plot"
    assert panel.probability.spec.panels[0].y_axis.label == "Fitted quantile"

    pick(panel.non_normal, "best")  # ranked by Anderson-Darling, its A² shown
    assert "Anderson-Darling A²:" in panel.non_normal_text.text()

    # Box-Cox: the table's indices are those of the transformed data and the note
    # names lambda; the lines under the table go
    pick(panel.non_normal, "box-cox")
    assert panel.non_normal_text.isHidden()
    assert "λ" in panel.notes.text() and panel.model.index(2, 1).data() != plain_cp

    pick(panel.non_normal, "johnson")  # fitted or refused in one sentence, never a crash
    assert panel.non_normal_text.text() and panel.histogram.spec is not None

    pick(panel.non_normal, "")
    assert panel.non_normal_text.isHidden() and panel.model.index(2, 1).data() == plain_cp
    assert [c.name for c in panel.histogram.spec.panels[0].series] == [
        "Normal fit (overall)", "Normal fit (within)"]
    assert panel.probability.spec.title == "Normal probability plot"
