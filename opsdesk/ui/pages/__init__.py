"""The pages of the main window, in navigation order.

Each entry is (key, title, "module:Class"); the class is imported and built the first time
the page is shown, so start-up only pays for the first page.
"""

from __future__ import annotations

PageEntry = tuple[str, str, str]

COMING_SOON = "opsdesk.ui.pages.coming_soon:ComingSoonPage"

PAGES: tuple[PageEntry, ...] = (
    ("dashboard", "Dashboard", "opsdesk.ui.pages.dashboard_page:DashboardPage"),
    ("kpis", "KPIs", "opsdesk.ui.pages.kpis_page:KpisPage"),
    ("control-charts", "Control charts", "opsdesk.ui.pages.control_charts_page:ControlChartsPage"),
    ("data", "Data", "opsdesk.ui.pages.data_page:DataPage"),
    ("process-maps", "Process maps", "opsdesk.ui.pages.process_maps_page:ProcessMapsPage"),
    ("value-streams", "Value streams", "opsdesk.ui.pages.value_streams_page:ValueStreamsPage"),
    ("improvement", "Improvement", "opsdesk.ui.pages.improvement_page:ImprovementPage"),
    ("reports", "Reports", "opsdesk.ui.pages.reports_page:ReportsPage"),
)
