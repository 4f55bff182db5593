"""Improvement work, strategy deployment and incidents: plain functions on plain data.

Most modules are plain functions on plain data; the ``*_store`` modules hold the typed
queries of the tables they own and the ``*_commands`` modules the commands that write
them (``Workspace.execute``). The modules:

Projects
    ``methodology`` PDCA, DMAIC, A3 and Kaizen event as data: phases and gate checklists.
    ``phase_moves.move`` forward through a complete gate or back with a reason: the
    ``Transition`` to audit, or a ``Refusal`` sentence.
    ``project`` charter, team roles, milestones, linked KPIs; ``charter_missing``.
    ``benefits`` expected/realised, hard/soft, per month; ``kpi_estimate`` (its formula
    in the module).
    ``before_after`` the before/after verdict on a KPI: staged chart, limits, run-rule
    shift and Welch's two-sample t (``stats.means``), in one plain sentence.
    ``project_verdict`` a project's before/after read from the workspace (its KPI's
    period values split at the implementation date), or why there is none yet.

Root causes and actions
    ``fishbone`` the cause tree with statuses; ``fishbone_layout.layout`` its diagram as a
    ``fishbone_spec.FishboneSpec`` for the canvas and the PDF; ``five_whys``;
    ``cause_pareto`` through the SPC engine's Pareto.
    ``root_cause_store`` a project's or an incident's ``root_causes`` rows, as a
    fishbone and as five-whys chains.
    ``actions`` owner, due, status, priority, source; overdue as of the review date;
    ``filter_actions`` and ``my_actions``. ``action_store`` reads them from the
    workspace, ``action_commands`` adds, edits and deletes them.

Strategy
    ``strategy`` goals by horizon and pillar, their KPI and project links, goal status;
    ``roadmap`` goals and projects on a timeline by pillar; ``x_matrix`` the Hoshin
    X-matrix; ``people`` the directory, owner names and workload.

Incidents
    ``incidents`` the incident and deployment model; ``timestamps.parse_utc``;
    ``incident_columns`` the column names of opsdesk, ServiceNow, Jira Service
    Management, PagerDuty and Opsgenie exports; ``incident_import`` reading a file all or
    nothing; ``incident_table`` the columns metrics run on; ``incident_metrics`` MTTD,
    MTTA, restore, respond, resolve, MTBF, availability, DORA; ``incident_series``
    per-period values for incident KPIs. ``incident_store`` the incidents and
    deployments tables and their queries (a period's metric columns in one pass);
    ``incident_commands`` importing by id (idempotent) and deleting.
    ``incident_review_store`` the post-incident review (``incident_reviews``) and the
    incident's summary and impact.
"""
