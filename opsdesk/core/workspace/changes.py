"""What a command changed, so views refresh only what they show.

``Changes`` is a set of kinds (an ``enum.Flag``, as Anki's ``OpChanges``): a command
returns the kinds it touched, ``Changes.KPIS | Changes.OBSERVATIONS``, and a page keeps
the kinds it shows and refreshes when ``changes.touches(watched)``. The row commands
derive their kinds from the tables they wrote (``of_tables``), cascades included; a
command that writes SQL itself names its kinds. Every table of the schema has a kind
(a test checks it): give a new table one here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Changes(enum.Flag):
    NONE = 0
    SETTINGS = enum.auto()  # workspace settings: the author, the pinned review date
    KPIS = enum.auto()  # KPI definitions
    TARGETS = enum.auto()  # KPI targets over time
    OBSERVATIONS = enum.auto()  # the data
    ANNOTATIONS = enum.auto()  # notes on a KPI's chart; some start a stage of it
    ALERTS = enum.auto()  # raised, acknowledged
    IMPORTS = enum.auto()  # the import log and the saved import profiles
    CHARTS = enum.auto()  # saved control charts and their excluded points
    MAPS = enum.auto()  # process and value-stream maps: lanes, steps, flows
    PROJECTS = enum.auto()  # improvement projects
    INCIDENTS = enum.auto()  # incidents, their reviews, and deployments
    CAUSES = enum.auto()  # root causes of projects and incidents
    ACTIONS = enum.auto()  # actions of projects and incidents
    REPORTS = enum.auto()  # report templates
    WORKSHEETS = enum.auto()  # the Data page's worksheets
    GOALS = enum.auto()  # strategy deployment: goals and the KPIs and projects linked to them
    PEOPLE = enum.auto()  # the people directory and its teams

    # What a KPI's status, signals and trend are computed from (the incidents too: a KPI
    # may be computed from them, ``improve.incident_kpis``).
    KPI_DATA = KPIS | TARGETS | OBSERVATIONS | ANNOTATIONS | INCIDENTS

    def touches(self, watched: Changes) -> bool:
        """Whether any of the ``watched`` kinds changed."""
        return bool(self & watched)

    @classmethod
    def of_tables(cls, tables: Iterable[str]) -> Changes:
        """The kinds of these tables (raises ``KeyError`` for a table with no kind)."""
        kinds = cls.NONE
        for table in tables:
            kinds |= TABLE_KINDS[table]
        return kinds


TABLE_KINDS: dict[str, Changes] = {
    "settings": Changes.SETTINGS,
    "kpis": Changes.KPIS,
    "kpi_targets": Changes.TARGETS,
    "observations": Changes.OBSERVATIONS,
    "kpi_periods": Changes.OBSERVATIONS,  # summed from the observations, with them
    "annotations": Changes.ANNOTATIONS,
    "alerts": Changes.ALERTS,
    "imports": Changes.IMPORTS,
    "import_profiles": Changes.IMPORTS,
    "charts": Changes.CHARTS,
    "chart_exclusions": Changes.CHARTS,
    "maps": Changes.MAPS,
    "map_pools": Changes.MAPS,
    "map_lanes": Changes.MAPS,
    "map_nodes": Changes.MAPS,
    "map_edges": Changes.MAPS,
    "projects": Changes.PROJECTS,
    "project_benefits": Changes.PROJECTS,
    "incidents": Changes.INCIDENTS,
    "incident_reviews": Changes.INCIDENTS,
    "deployments": Changes.INCIDENTS,
    "root_causes": Changes.CAUSES,
    "actions": Changes.ACTIONS,
    "report_templates": Changes.REPORTS,
    "worksheets": Changes.WORKSHEETS,
    "goals": Changes.GOALS,
    "goal_links": Changes.GOALS,
    "teams": Changes.PEOPLE,
    "people": Changes.PEOPLE,
}
# Not changed by commands: ``meta`` (the file's own facts) and ``audit_log`` (appended by
# every command).
UNCHANGED_TABLES = frozenset({"meta", "audit_log"})
