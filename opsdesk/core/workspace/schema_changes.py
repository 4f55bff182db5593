"""The workspace schema's changes after v1, one script per format (``migrations`` runs
them in order, for new files too), and the CHECK clauses a format rebuilds a table to
change."""

from __future__ import annotations

DIRECTIONS_V1 = "CHECK (direction IN ('higher', 'lower', 'band'))"
DIRECTIONS_V3 = "CHECK (direction IN ('higher', 'lower', 'band', 'none'))"

# v2: a KPI's natural range (forecasts and their intervals are kept inside it; empty: the
# range its unit implies) and stages on a KPI's chart (an annotation may start one: the
# control limits are computed afresh from its period on).
SCHEMA_V2 = """
ALTER TABLE kpis ADD COLUMN min_value REAL;
ALTER TABLE kpis ADD COLUMN max_value REAL;
ALTER TABLE annotations ADD COLUMN starts_stage INTEGER NOT NULL DEFAULT 0;
"""

# Format 3: a KPI may have no direction yet ("none": judged neither red nor green until
# one is set), and an import keeps the stored values it replaced (restated observations,
# as JSON [[observation id, before, after], ...]) so that undoing it puts them back.
SCHEMA_V3 = """
ALTER TABLE imports ADD COLUMN restated TEXT NOT NULL DEFAULT '[]';
"""
# Format 4: process maps as the model holds them (opsdesk.core.maps.rows): every element
# keeps its id as ``key`` (BPMN ids survive a round trip), pools get a table, lanes nest
# and have a box and an orientation, nodes sit in a sub-process (``scope_id``), on a host
# (``attached_to_id``) and in a pool, and a message flow may end on a pool (a black-box
# participant), so map_edges is rebuilt with either end a node or a pool.
SCHEMA_V4 = """
ALTER TABLE maps ADD COLUMN key TEXT;
CREATE TABLE map_pools (
    id INTEGER PRIMARY KEY,
    map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    key TEXT,
    name TEXT NOT NULL DEFAULT '',
    process_key TEXT NOT NULL DEFAULT '',  -- the BPMN process; '' for a black box
    participant INTEGER NOT NULL DEFAULT 1,
    orientation TEXT NOT NULL DEFAULT 'horizontal'
        CHECK (orientation IN ('horizontal', 'vertical')),
    position INTEGER NOT NULL DEFAULT 0,
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    width REAL,
    height REAL
);
CREATE UNIQUE INDEX map_pools_key ON map_pools (map_id, key);
ALTER TABLE map_lanes ADD COLUMN key TEXT;
ALTER TABLE map_lanes ADD COLUMN parent_id INTEGER REFERENCES map_lanes(id) ON DELETE CASCADE;
ALTER TABLE map_lanes ADD COLUMN pool_id INTEGER REFERENCES map_pools(id) ON DELETE CASCADE;
ALTER TABLE map_lanes ADD COLUMN orientation TEXT NOT NULL DEFAULT 'horizontal'
    CHECK (orientation IN ('horizontal', 'vertical'));
ALTER TABLE map_lanes ADD COLUMN x REAL NOT NULL DEFAULT 0;
ALTER TABLE map_lanes ADD COLUMN y REAL NOT NULL DEFAULT 0;
ALTER TABLE map_lanes ADD COLUMN width REAL;
ALTER TABLE map_lanes ADD COLUMN height REAL;
CREATE UNIQUE INDEX map_lanes_key ON map_lanes (map_id, key);
ALTER TABLE map_nodes ADD COLUMN key TEXT;
ALTER TABLE map_nodes ADD COLUMN scope_id INTEGER REFERENCES map_nodes(id) ON DELETE CASCADE;
ALTER TABLE map_nodes ADD COLUMN attached_to_id INTEGER
    REFERENCES map_nodes(id) ON DELETE CASCADE;
ALTER TABLE map_nodes ADD COLUMN pool_id INTEGER REFERENCES map_pools(id) ON DELETE SET NULL;
CREATE UNIQUE INDEX map_nodes_key ON map_nodes (map_id, key);
CREATE TABLE map_edges_v4 (
    id INTEGER PRIMARY KEY,
    map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    key TEXT,
    source_id INTEGER REFERENCES map_nodes(id) ON DELETE CASCADE,
    target_id INTEGER REFERENCES map_nodes(id) ON DELETE CASCADE,
    source_pool_id INTEGER REFERENCES map_pools(id) ON DELETE CASCADE,
    target_pool_id INTEGER REFERENCES map_pools(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'flow',   -- sequence, message, association; flow, push, ...
    label TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',     -- JSON: probability, default, waypoints
    CHECK ((source_id IS NULL) <> (source_pool_id IS NULL)),
    CHECK ((target_id IS NULL) <> (target_pool_id IS NULL))
);
INSERT INTO map_edges_v4 (id, map_id, source_id, target_id, kind, label, data)
    SELECT id, map_id, source_id, target_id, kind, label, data FROM map_edges;
DROP TABLE map_edges;
ALTER TABLE map_edges_v4 RENAME TO map_edges;
CREATE INDEX map_edges_map ON map_edges (map_id);
CREATE UNIQUE INDEX map_edges_key ON map_edges (map_id, key);
CREATE INDEX map_edges_source ON map_edges (source_id);
CREATE INDEX map_edges_target ON map_edges (target_id);
"""
# Format 5: incidents as the incidents model holds them (opsdesk.core.improve.incidents):
# the id they have in the file or system they came from (``key``, unique: importing the
# same export again updates them), category, availability impact, the six timestamps,
# detection source, model and version, the deployment that caused one and a timeline;
# deployments get a table (``failed`` NULL: not stated, inferred from the incidents); an
# action has a priority and a source (project, incident review, kaizen burst on a map
# node, alert). Projects may follow A3 and a kaizen event too (the projects table is
# rebuilt for its CHECK constraint, as format 3 rebuilt kpis).
SCHEMA_V5 = """
ALTER TABLE incidents ADD COLUMN key TEXT;
ALTER TABLE incidents ADD COLUMN category TEXT NOT NULL DEFAULT 'other';
ALTER TABLE incidents ADD COLUMN availability_impact TEXT NOT NULL DEFAULT 'none'
    CHECK (availability_impact IN ('none', 'degraded', 'outage'));
ALTER TABLE incidents ADD COLUMN acknowledged_at TEXT;
ALTER TABLE incidents ADD COLUMN restored_at TEXT;
ALTER TABLE incidents ADD COLUMN closed_at TEXT;
ALTER TABLE incidents ADD COLUMN detection_source TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN model TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN model_version TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN caused_by_deployment TEXT NOT NULL DEFAULT '';
ALTER TABLE incidents ADD COLUMN timeline TEXT NOT NULL DEFAULT '[]';  -- JSON [{at, text, author}]
CREATE UNIQUE INDEX incidents_key ON incidents (key);
CREATE INDEX incidents_started ON incidents (started_at);
CREATE INDEX incidents_deployment ON incidents (caused_by_deployment);
CREATE TABLE deployments (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    service TEXT NOT NULL DEFAULT '',
    deployed_at TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT '',           -- model release, config change, rollback ...
    failed INTEGER,                          -- needed remediation; NULL: not stated
    linked_incident TEXT NOT NULL DEFAULT '',  -- an incident's key
    service_restored TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX deployments_deployed ON deployments (deployed_at);
ALTER TABLE actions ADD COLUMN priority TEXT NOT NULL DEFAULT 'medium'
    CHECK (priority IN ('high', 'medium', 'low'));
ALTER TABLE actions ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'project'
    CHECK (source_kind IN ('project', 'incident review', 'kaizen burst', 'alert'));
ALTER TABLE actions ADD COLUMN map_node_id INTEGER REFERENCES map_nodes(id) ON DELETE SET NULL;
ALTER TABLE actions ADD COLUMN alert_id INTEGER REFERENCES alerts(id) ON DELETE SET NULL;
"""
METHODOLOGIES_V1 = "CHECK (methodology IN ('PDCA', 'DMAIC'))"
METHODOLOGIES_V5 = "CHECK (methodology IN ('PDCA', 'DMAIC', 'A3', 'Kaizen'))"
# Format 6: worksheets (the Data page): named grids of text cells, as JSON
# ({"names": [...], "columns": [[...], ...]}, opsdesk.core.worksheet.grid).
SCHEMA_V6 = """
CREATE TABLE worksheets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    cells TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""
# Format 7: each KPI's observations summed up by period, kept up to date in the transaction
# that changes them and rebuildable from them (opsdesk.core.kpi.period_store): per KPI,
# the period kind they are summed by and, per period oldest first, its first day
# (date.toordinal), its count of observations, their sum (math.fsum), and the value and
# time of its latest one. Packed arrays, little-endian: int64 and float64; times in JSON.
SCHEMA_V7 = """
CREATE TABLE kpi_periods (
    kpi_id INTEGER PRIMARY KEY REFERENCES kpis(id) ON DELETE CASCADE,
    frequency TEXT NOT NULL,
    starts BLOB NOT NULL,
    counts BLOB NOT NULL,
    totals BLOB NOT NULL,
    lasts BLOB NOT NULL,
    last_times TEXT NOT NULL
);
"""
# Format 8: strategy deployment (goals by horizon and the KPIs and projects linked to them,
# the people directory and its teams), root causes as a tree (a cause's sub-causes, each
# open, confirmed or ruled out with its evidence; ``whys`` items may be {"answer",
# "evidence"} objects), the post-incident review's remaining fields, and KPIs whose values
# are computed from the incidents (``computed_from``: JSON naming the metric, NULL for a KPI
# whose values are recorded).
SCHEMA_V8 = """
ALTER TABLE root_causes ADD COLUMN parent_id INTEGER REFERENCES root_causes(id) ON DELETE CASCADE;
ALTER TABLE root_causes ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
ALTER TABLE root_causes ADD COLUMN status TEXT NOT NULL DEFAULT 'open'
    CHECK (status IN ('open', 'confirmed', 'ruled out'));
ALTER TABLE root_causes ADD COLUMN evidence TEXT NOT NULL DEFAULT '';
UPDATE root_causes SET status = 'confirmed' WHERE verified = 1;
ALTER TABLE root_causes DROP COLUMN verified;
CREATE INDEX root_causes_parent ON root_causes (parent_id);
ALTER TABLE incident_reviews ADD COLUMN contributing_factors TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_reviews ADD COLUMN where_lucky TEXT NOT NULL DEFAULT '';
ALTER TABLE incident_reviews ADD COLUMN retraining TEXT NOT NULL DEFAULT '';
ALTER TABLE kpis ADD COLUMN computed_from TEXT;
CREATE TABLE goals (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    pillar TEXT NOT NULL,
    horizon TEXT NOT NULL CHECK (horizon IN ('1-2 years', '3-5 years', '5+ years')),
    owner TEXT NOT NULL DEFAULT '',
    target_date TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    serves INTEGER REFERENCES goals(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE goal_links (
    id INTEGER PRIMARY KEY,
    goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    kpi_id INTEGER REFERENCES kpis(id) ON DELETE CASCADE,
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    strength TEXT NOT NULL DEFAULT 'strong' CHECK (strength IN ('strong', 'weak')),
    CHECK ((kpi_id IS NULL) <> (project_id IS NULL)),
    UNIQUE (goal_id, kpi_id, project_id)
);
CREATE INDEX goal_links_goal ON goal_links (goal_id);
CREATE TABLE teams (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    lead TEXT NOT NULL DEFAULT '',
    parent TEXT NOT NULL DEFAULT ''
);
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    team TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
"""
# Format 9: a project's benefits per month, hard and soft, expected and realised
# (opsdesk.core.improve.benefits). The project's single expected/realised figures move into
# one 'hard' row in the month the project started (else the month it was created, else
# this month) and their columns go: with both kept there would be two ways to book a
# benefit and two answers to "what did it bring", so every total (portfolio, CLI, PDF) is
# now the sum of the monthly rows, and nothing typed before is lost (it is that row). Hard
# because a single figure was the business case's money; the note says where it came from.
# The KPI link's value per unit (for the KPI-derived estimate) and the kind of benefit it
# gives live in the project's ``data`` JSON beside its baseline and target, so they need
# no column.
SCHEMA_V9 = """
CREATE TABLE project_benefits (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    month TEXT NOT NULL,                 -- YYYY-MM-01
    kind TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
    expected REAL,
    realised REAL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (project_id, month, kind)
);
INSERT INTO project_benefits (project_id, month, kind, expected, realised, note)
    SELECT id, CASE
        WHEN started_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(started_on, 1, 7)
        WHEN created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(created_at, 1, 7)
        ELSE strftime('%Y-%m', 'now') END || '-01',
        'hard', expected_benefit, realised_benefit,
        'the project''s one figure from before benefits were kept by month'
    FROM projects WHERE expected_benefit IS NOT NULL OR realised_benefit IS NOT NULL;
ALTER TABLE projects DROP COLUMN expected_benefit;
ALTER TABLE projects DROP COLUMN realised_benefit;
"""
# Format 10: an incident's owner (issue 13: every owner field picks from the people
# directory). A name as the directory spells it (``people_store.spelled``); incidents from
# before have none yet.
SCHEMA_V10 = """
ALTER TABLE incidents ADD COLUMN owner TEXT NOT NULL DEFAULT '';
"""
