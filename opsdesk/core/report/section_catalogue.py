"""Names and one-line descriptions of the sections, for the UI (no reportlab import)."""

from __future__ import annotations

CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("summary", "Executive summary", "Status counts by pillar, KPIs needing attention, your text"),
    ("goals", "Goals", "The goals by horizon and pillar, each with its status from its "
     "KPIs, what it serves and the projects that move it"),
    ("scorecard", "KPI scorecard", "Every KPI's status, value, target, change and trend"),
    ("bowling", "Bowling chart", "Twelve periods of each chosen KPI against target"),
    ("kpi_pages", "KPI pages", "A page per chosen KPI: trend, target, forecast, period table"),
    ("control_charts", "Control charts", "Saved control charts with their signals and method"),
    ("capability", "Process capability", "Cp, Cpk, Pp, Ppk and histograms for KPIs with specs"),
    ("pareto", "Pareto analysis", "Pareto charts of categorised counts"),
    ("process_maps", "Process maps", "Each map as vectors, then handoffs, loops, lead time, "
     "PCE, cost, critical path and SIPOC"),
    ("value_streams", "Value streams", "Each value-stream map with its timeline, then takt, "
     "lead time, PCE, yield, the constraint, and current against future"),
    ("alerts", "Open alerts", "Alerts not yet acknowledged"),
    ("projects", "Improvement projects", "Projects, their phase, benefits, each active one's "
     "before/after verdict, and open actions"),
    ("incidents", "Incidents", "MTTD, MTTA, restore, respond, resolve, availability, MTBF and "
     "change failure rate, each with its definition; counts by severity and category"),
    ("appendix", "Appendix", "Definitions of KPIs and statistics, data sources, import history"),
)
TITLES = {key: title for key, title, _ in CATALOGUE}
