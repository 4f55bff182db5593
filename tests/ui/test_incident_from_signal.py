"""From a signal to an incident on the Control charts page: a point that fails an SPC test
offers "Open an incident from this signal" in its menu, which opens an incident linked to
the chart's KPI in one undoable step; a quiet point does not offer it."""

from __future__ import annotations

from typing import Any

from opsdesk.ui.main_window import MainWindow
from tests.ui.test_control_charts_page import open_page


def _signalling(page: Any) -> tuple[int, int]:
    """A chart of the demo with a signal, and the first point that signals on it."""
    ws = page.ctx.workspace
    for (chart_id,) in ws.conn.execute("SELECT id FROM charts ORDER BY id").fetchall():
        page.select_chart(chart_id)
        page.ctx.worker.wait_until_idle(60_000)
        result = page.current.result
        for panel in result.panels:
            for failed in panel.failed.values():
                hits = [i for i, hit in enumerate(failed) if hit]
                if hits:
                    return chart_id, hits[0]
    raise AssertionError("the demo has a chart with a signal")


def test_a_signalling_point_opens_an_incident_then_undo(demo_window: MainWindow) -> None:
    page = open_page(demo_window)
    _chart, index = _signalling(page)
    tests = page.tests_at(index)
    assert tests
    def offered(i: int) -> list[str]:
        return [a.text() for a in page.point_menu(i).actions()]

    assert "Open an incident from this signal" in offered(index)
    quiet = next(i for i in range(page.current.result.n_points) if not page.tests_at(i))
    assert "Open an incident from this signal" not in offered(quiet)

    ws = demo_window.ctx.workspace
    before = ws.scalar("SELECT count(*) FROM incidents")
    page.open_incident(index)
    title, kpi_id = ws.conn.execute(
        "SELECT title, kpi_id FROM incidents ORDER BY id DESC LIMIT 1").fetchone()
    assert kpi_id == page.current.chart.kpi_id
    label = page.current.result.label(index)
    assert f"special cause at {label} (SPC test {', '.join(map(str, tests))})" in title
    assert demo_window.ctx.undo_stack.undoText() == "Open an incident from a signal"
    demo_window.ctx.undo_stack.undo()
    assert ws.scalar("SELECT count(*) FROM incidents") == before
