"""The extra states ``opsdesk shot`` renders of each page, reached through the pages'
public API (the pages know nothing of screenshots)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtWidgets import QWidget

from opsdesk.ui.pages.base import Page

# A state name (the window is captured) or (name, widget) for a dialog of its own.
ShotState = str | tuple[str, QWidget]

# The demo's charts shown one by one, each a kind the first chart is not.
CHARTS = (("X̄-S by stage", "stages"), ("p chart", "p-chart"), ("run chart", "run-chart"),
          ("CUSUM", "cusum"))


def _kpis(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.pages.kpis_page import KpisPage

    assert isinstance(page, KpisPage)
    page.tabs.setCurrentWidget(page.bowling)
    yield "bowling chart"
    page.tabs.setCurrentWidget(page.alerts)
    yield "alerts"
    page.tabs.setCurrentWidget(page.scorecard_tab)
    if page.model.statuses:
        # The richest trend: a changed target, then a red status.
        worst = min(page.model.statuses, key=lambda s: (-len(s.kpi.targets), s.status != "red"))
        page.open_kpi(worst.kpi.id)
        yield "detail"
        page.stack.setCurrentIndex(0)
        dialogs: list[QWidget] = []
        page.kpi_dialog(worst.kpi.id, dialogs.append)
        page.ctx.worker.wait_until_idle()  # the dialog's read lands
        for dialog in dialogs:
            dialog.show()
            yield ("edit dialog", dialog)
            dialog.close()


def _control_charts(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.pages.control_charts_page import CHART_ID, ControlChartsPage

    assert isinstance(page, ControlChartsPage)
    items = [page.chart_list.item(i) for i in range(page.chart_list.count())]
    names = {item.text(): int(item.data(CHART_ID)) for item in items if item is not None}
    for wanted, state in CHARTS:
        chart_id = next((i for name, i in names.items() if wanted in name), None)
        if chart_id is not None:
            page.select_chart(chart_id)
            yield state
    first = next(iter(names.values()), None)
    if first is not None:
        page.select_chart(first)
        page.tabs.setCurrentWidget(page.capability)
        yield "capability"
        methods = page.capability.non_normal
        methods.setCurrentIndex(methods.findData("best"))
        yield "capability best fit"
        methods.setCurrentIndex(0)
        page.tabs.setCurrentWidget(page.pareto)
        yield "pareto"
        page.tabs.setCurrentIndex(0)


def _reports(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.pages.reports_page import ReportsPage

    assert isinstance(page, ReportsPage)
    if page.ctx.workspace is None:
        return
    page.refresh_preview()
    page.ctx.worker.wait_until_idle(120_000)
    yield "preview"


def _process_maps(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.maps.look import Overlays
    from opsdesk.ui.pages.process_maps_page import ProcessMapsPage

    assert isinstance(page, ProcessMapsPage)
    if page.pmap is None:
        return
    first = next((n.id for n in page.pmap.nodes if n.kind == "task"), None)
    if first is not None:
        page.canvas.scene.select([first])
        yield "step data"
    page.canvas.scene.select([])
    page.tabs.setCurrentWidget(page.analysis_panel)
    page.tools.set_overlays(Overlays(value_class=True, critical=True, handoffs=True))
    yield "analysis and overlays"
    page.tools.set_overlays(Overlays(heat=True))
    page.tabs.setCurrentWidget(page.analysis_panel.simulation_box)
    page.analysis_panel.simulate()
    page.ctx.worker.wait_until_idle(60_000)
    yield "simulation and wait-time heat"
    page.tools.set_overlays(Overlays())
    page.tabs.setCurrentWidget(page.step_tab)
    window = page.present(full_screen=False)
    if window is not None:
        yield ("presentation", window)
        window.close()


def _value_streams(page: Page) -> Iterator[ShotState]:
    from PySide6.QtWidgets import QApplication

    from opsdesk.ui.pages.value_streams_page import ValueStreamsPage

    assert isinstance(page, ValueStreamsPage)
    data = page.data
    if data is None or data.stored is None:
        return
    steps = [i.key for i in (data.diagram.by_role("process") if data.diagram else ())]
    if steps:
        page.select_process(steps[0])
        yield "data box"
        page.select_process(None)
    stocks = [i.key for i in (data.diagram.by_role("inventory") if data.diagram else ())]
    if stocks:  # the last one (finished goods): its kind, quantity by part, given days
        page.select_process(stocks[-1])
        yield "inventory box"
        page.select_process(None)
    future = next((s.id for s in data.streams if s.state == "future"), None)
    if future is not None:
        page.select_stream(future)
        yield "future state"
        page.edit_tabs.setCurrentWidget(page.info_box)
        yield "information flow"
        window = page.present(full_screen=False)
        if window is not None:
            yield ("presentation", window)
            window.close()
        bursts = page.data.diagram.by_role("kaizen_burst") if page.data and \
            page.data.diagram else []
        if bursts:  # the demo's future state's bursts, the first chosen
            page.edit_tabs.setCurrentWidget(page.bursts_box)
            page.bursts_box.choose(int(bursts[0].id.removeprefix("burst:")))
            yield "kaizen bursts"
        page.edit_tabs.setCurrentIndex(0)
    fed = next((s.id for s in data.streams if s.name == "Claim handling"), None)
    if fed is not None:  # the demo's stream fed by KPIs, its first process's links shown
        page.select_stream(fed)
        page.ctx.worker.wait_until_idle(60_000)
        QApplication.processEvents()  # the read lands on the GUI thread
        shown = page.data.diagram if page.data else None
        first = next((i.key for i in shown.by_role("process")), None) if shown else None
        if first is not None:
            page.select_process(first)
            page.edit_tabs.setCurrentWidget(page.links_box)
            yield "kpi links"


def _data(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.pages.data_page import DataPage
    from opsdesk.ui.worksheet.analysis_panel import GAGE, PARETO, SIXPACK, TEST

    assert isinstance(page, DataPage)
    if page.current() is None:
        return
    panel = page.panel

    def run() -> None:
        page.run_chart()
        page.ctx.worker.wait_until_idle(60_000)

    panel.control.lsl_box.setText("497")
    panel.control.usl_box.setText("504")
    run()
    yield "chart with capability"
    methods = panel.control.non_normal_box
    methods.setCurrentIndex(methods.findData("best"))
    run()
    yield "chart with the best fit"
    if len(page.results.charts) > 1:  # the fitted histogram and probability plot, below
        page.results.ensureWidgetVisible(page.results.charts[1], 0, 0)
        yield "the best fit's histogram and probability plot"
    methods.setCurrentIndex(0)
    panel.choose(PARETO)
    panel.pareto.category_box.setCurrentText("Defect")
    run()
    yield "pareto"
    panel.choose(SIXPACK)
    panel.sixpack.lsl_box.setText("497")
    panel.sixpack.usl_box.setText("504")
    run()
    yield "sixpack"
    panel.choose(TEST)
    panel.stats.test_box.setCurrentIndex(panel.stats.test_box.findData("t2"))
    panel.stats.by_box.setCurrentText("Line")
    run()
    yield "test"
    gage = next((s.id for s in page.sheets if "gage" in s.name.casefold()), None)
    if gage is not None:
        page.select(gage)
        panel.choose(GAGE)
        panel.gage.tolerance_box.setText("8")
        run()
        yield "gage"
    panel.choose(next(iter(panel.forms)))


def _improvement(page: Page) -> Iterator[ShotState]:
    from opsdesk.ui.pages.improvement_page import ImprovementPage

    assert isinstance(page, ImprovementPage)
    page.tabs.setCurrentWidget(page.action_list)
    yield "actions"
    data = page.action_list.data
    late = next((a.owner for a in data.actions if a.overdue(data.as_of)), None) if data else None
    if late is not None:
        page.action_list.set_owner(late)
        page.action_list.overdue_box.setChecked(True)
        yield "one owner's overdue actions"
        page.action_list.overdue_box.setChecked(False)
        page.action_list.set_owner(None)
    page.tabs.setCurrentWidget(page.incidents)
    yield "incidents and their metrics"
    quarters = page.incidents.data.quarters if page.incidents.data else []
    if len(quarters) > 1:
        page.incidents.choose(quarters[1])
        yield "an earlier quarter"
    if quarters:
        page.incidents.choose(quarters[0])
        page.ctx.worker.wait_until_idle(60_000)
        page.incidents.incidents_view.selectRow(0)
        page.ctx.worker.wait_until_idle(60_000)
        page.incidents.below.setCurrentIndex(1)
        yield "incident root causes"
    page.tabs.setCurrentWidget(page.strategy)
    if page.strategy.data is not None and page.strategy.data.goals:
        page.strategy.select(page.strategy.data.goals[-1].id)
    yield "strategy goals"
    for index, name in ((1, "strategy roadmap"), (2, "strategy x-matrix")):
        page.strategy.views.setCurrentIndex(index)
        yield name
    page.strategy.views.setCurrentIndex(0)
    page.tabs.setCurrentWidget(page.people)
    yield "people and their workload"
    page.tabs.setCurrentWidget(page.portfolio)
    page.portfolio.set_view("Board")
    yield "portfolio board"
    page.portfolio.set_view("Table")
    work = page.work
    if work is not None and work.projects:
        # the richest project: a before/after to show, else one under way with a KPI
        best = max(work.projects, key=lambda s: (s.project.implemented_on is not None,
                                                 bool(s.project.kpis), not s.project.done))
        page.open_project(best.project.id)
        page.ctx.worker.wait_until_idle(60_000)
        yield "project detail"
        page.detail.scroll_to_benefits()
        yield "project benefits"
        causes = page.detail.causes
        if causes.causes:
            causes.select([next(iter(causes.causes))])
        page.detail.scroll_to_causes()
        yield "project root causes"
        page.tabs.setCurrentWidget(page.portfolio)


STATES: dict[str, Callable[[Page], Iterator[ShotState]]] = {
    "kpis": _kpis, "control-charts": _control_charts, "process-maps": _process_maps,
    "reports": _reports, "value-streams": _value_streams, "data": _data,
    "improvement": _improvement,
}


def page_states(page: Page) -> Iterator[ShotState]:
    """Each state of ``page`` worth a picture beyond the page as first shown."""
    states = STATES.get(page.key)
    if states is not None:
        yield from states(page)
