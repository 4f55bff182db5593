"""The Control charts page: a p chart ticks the tests it applies (1 to 4 by default), and a
test switched on in the Tests menu is applied. The data and their hand calculation are
those of tests/core/spc/test_attribute_tests.py: test 5 fires at the 7th sample."""

from __future__ import annotations

from typing import Any

from opsdesk.core.workspace.commands import now_iso
from opsdesk.ui.main_window import MainWindow
from tests.core.spc.test_attribute_tests import COUNTS


def test_p_chart_tests_menu_applies_what_is_ticked(window: MainWindow, qtbot: Any) -> None:
    ws = window.ctx.workspace
    assert ws is not None
    with ws.transaction() as conn:
        stamp = now_iso()
        kpi = int(conn.execute(
            "INSERT INTO kpis (name, unit, created_at, updated_at) VALUES ('Defective', '',"
            " ?, ?)", (stamp, stamp)).lastrowid or 0)
        conn.executemany(
            "INSERT INTO observations (kpi_id, ts, value, sample_size, created_at)"
            " VALUES (?, ?, ?, 100, ?)",
            [(kpi, f"2026-01-{i + 1:02d}", float(c), stamp) for i, c in enumerate(COUNTS)])
    page = window.show_page_by_key("control-charts")
    page.refresh(None)
    page.new_chart(kpi)
    qtbot.waitUntil(lambda: page.current is not None)
    assert page.current.result.chart == "p"  # counts with sample sizes
    assert set(page.current.result.panels[0].tests) == {1, 2, 3, 4}
    assert page.tests_button.text() == "Tests (4)"
    assert [t for t, a in page.test_actions.items() if a.isChecked()] == [1, 2, 3, 4]
    assert not any(m.role == "bad" for m in page.view.spec.panels[0].markers)
    page.test_actions[5].trigger()  # the menu's "Test 5" entry, as a click on it does
    qtbot.waitUntil(lambda: page.current is not None
                    and 5 in page.current.result.panels[0].tests)
    assert page.tests_button.text() == "Tests (5)"
    bad = [m for m in page.view.spec.panels[0].markers if m.role == "bad"]
    assert [(m.text, m.reason.split(":")[0]) for m in bad] == [("5", "Test 5")]
    page.set_rule_set("we")
    qtbot.waitUntil(lambda: set(page.current.result.panels[0].tests) == {1, 2, 5, 6})
    assert page.tests_button.text() == "Tests (4)"
