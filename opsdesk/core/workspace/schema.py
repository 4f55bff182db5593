"""The workspace schema: v1 creates every table; each later version is a script of
changes to the one before (``migrations`` runs them in order, for new files too).

Conventions: dates are ISO 8601 text (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``),
free-form structured data is JSON text, booleans are 0/1, ids are INTEGER PRIMARY KEY.
"""

from __future__ import annotations

# PRAGMA application_id: "OPSD" in ASCII, so `file` and other tools can tell our files.
APPLICATION_ID = 0x4F505344
SCHEMA_VERSION = 8

SCHEMA_V1 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL                  -- JSON
);

CREATE TABLE kpis (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    description TEXT NOT NULL DEFAULT '',
    pillar TEXT NOT NULL DEFAULT 'process',
    unit TEXT NOT NULL DEFAULT '',
    direction TEXT NOT NULL DEFAULT 'higher' CHECK (direction IN ('higher', 'lower', 'band')),
    frequency TEXT NOT NULL DEFAULT 'monthly'
        CHECK (frequency IN ('daily', 'weekly', 'monthly', 'quarterly')),
    aggregation TEXT NOT NULL DEFAULT 'mean' CHECK (aggregation IN ('sum', 'mean', 'last')),
    baseline REAL,
    red_value REAL,                      -- red threshold as a value ...
    red_percent REAL,                    -- ... or as a percent of target (90 = 90 %)
    owner TEXT NOT NULL DEFAULT '',
    data_source TEXT NOT NULL DEFAULT '',
    lsl REAL,
    usl REAL,
    spec_target REAL,
    decimals INTEGER,
    rule_set TEXT NOT NULL DEFAULT 'nelson',
    comment TEXT NOT NULL DEFAULT '',    -- the owner's current comment, for reviews
    pack TEXT,                           -- the KPI pack it came from, if any
    sort_order INTEGER NOT NULL DEFAULT 0,
    archived INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Targets change over time: each period is judged against the row in force then.
CREATE TABLE kpi_targets (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    effective_from TEXT NOT NULL,
    target REAL,
    band_low REAL,
    band_high REAL,
    band_margin REAL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (kpi_id, effective_from)
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    content_hash TEXT NOT NULL,          -- sha256 of the file's bytes
    sheet TEXT,
    layout TEXT,
    mapping TEXT NOT NULL DEFAULT '{}',  -- JSON
    rows_read INTEGER NOT NULL DEFAULT 0,
    rows_imported INTEGER NOT NULL DEFAULT 0,
    rows_skipped INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    kpis_created TEXT NOT NULL DEFAULT '[]',  -- JSON list of KPI names
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL DEFAULT '',
    undone_at TEXT
);

CREATE TABLE import_profiles (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    mapping TEXT NOT NULL,               -- JSON: layout, columns, options
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    ts TEXT NOT NULL,                    -- ISO date or datetime
    value REAL NOT NULL,
    subgroup TEXT,                       -- subgroup label for X-bar charts
    sample_size REAL,                    -- n for p/np charts, inspection units for u
    segment TEXT,                        -- site, line, team ...
    note TEXT,
    source_key TEXT,                     -- identity in the source system, when given
    import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX observations_kpi_ts ON observations (kpi_id, ts);
CREATE INDEX observations_import ON observations (import_id);

CREATE TABLE annotations (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER REFERENCES kpis(id) ON DELETE CASCADE,
    chart_id INTEGER REFERENCES charts(id) ON DELETE CASCADE,
    ts TEXT,
    point_label TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX annotations_kpi ON annotations (kpi_id, ts);

CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    kpi_id INTEGER NOT NULL REFERENCES kpis(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,                  -- red, signal, stale, forecast_miss
    period TEXT NOT NULL,
    message TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    acknowledged_at TEXT,
    acknowledged_by TEXT,
    UNIQUE (kpi_id, kind, period)
);

-- Saved control charts: a KPI's data seen through one chart type and rule set.
CREATE TABLE charts (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kpi_id INTEGER REFERENCES kpis(id) ON DELETE CASCADE,
    chart_type TEXT NOT NULL,            -- xbar-r, xbar-s, i-mr, run, p, np, c, u, ...
    rule_set TEXT NOT NULL DEFAULT 'nelson',
    tests TEXT NOT NULL DEFAULT '[]',    -- JSON list of enabled test numbers
    params TEXT NOT NULL DEFAULT '{}',   -- JSON: lambda, L, k, h, mu, sigma, specs ...
    baseline TEXT NOT NULL DEFAULT '[]', -- JSON list of point labels
    stages TEXT NOT NULL DEFAULT '[]',   -- JSON list of {label, starts_at}
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE chart_exclusions (
    id INTEGER PRIMARY KEY,
    chart_id INTEGER NOT NULL REFERENCES charts(id) ON DELETE CASCADE,
    point_label TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (chart_id, point_label)
);

CREATE TABLE maps (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('process', 'value_stream')),
    state TEXT NOT NULL DEFAULT 'current' CHECK (state IN ('current', 'future')),
    description TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',     -- JSON: customer demand, available time, ...
    pair_id INTEGER REFERENCES maps(id) ON DELETE SET NULL,  -- current <-> future
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE map_lanes (
    id INTEGER PRIMARY KEY,
    map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE map_nodes (
    id INTEGER PRIMARY KEY,
    map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    lane_id INTEGER REFERENCES map_lanes(id) ON DELETE SET NULL,
    kind TEXT NOT NULL,                  -- start, end, task, decision, process, inventory ...
    label TEXT NOT NULL DEFAULT '',
    x REAL NOT NULL DEFAULT 0,
    y REAL NOT NULL DEFAULT 0,
    width REAL,
    height REAL,
    data TEXT NOT NULL DEFAULT '{}'      -- JSON: cycle time, changeover, uptime, WIP ...
);
CREATE INDEX map_nodes_map ON map_nodes (map_id);

CREATE TABLE map_edges (
    id INTEGER PRIMARY KEY,
    map_id INTEGER NOT NULL REFERENCES maps(id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES map_nodes(id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES map_nodes(id) ON DELETE CASCADE,
    kind TEXT NOT NULL DEFAULT 'flow',   -- flow, push, pull, information, rework
    label TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX map_edges_map ON map_edges (map_id);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    methodology TEXT NOT NULL DEFAULT 'DMAIC' CHECK (methodology IN ('PDCA', 'DMAIC')),
    phase TEXT NOT NULL DEFAULT 'Define',
    status TEXT NOT NULL DEFAULT 'active',   -- proposed, active, on hold, done, cancelled
    owner TEXT NOT NULL DEFAULT '',
    sponsor TEXT NOT NULL DEFAULT '',
    problem TEXT NOT NULL DEFAULT '',
    goal TEXT NOT NULL DEFAULT '',
    kpi_id INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
    started_on TEXT,
    due_on TEXT,
    closed_on TEXT,
    expected_benefit REAL,
    realised_benefit REAL,
    data TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    severity TEXT NOT NULL DEFAULT 'SEV3',
    status TEXT NOT NULL DEFAULT 'open',     -- open, mitigated, resolved, reviewed
    kpi_id INTEGER REFERENCES kpis(id) ON DELETE SET NULL,
    service TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    detected_at TEXT,
    resolved_at TEXT,
    summary TEXT NOT NULL DEFAULT '',
    impact TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE incident_reviews (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id) ON DELETE CASCADE,
    held_on TEXT,
    facilitator TEXT NOT NULL DEFAULT '',
    timeline TEXT NOT NULL DEFAULT '[]',     -- JSON list of {at, what}
    went_well TEXT NOT NULL DEFAULT '',
    went_wrong TEXT NOT NULL DEFAULT '',
    lessons TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE root_causes (
    id INTEGER PRIMARY KEY,
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
    category TEXT NOT NULL DEFAULT '',       -- 6M: man, machine, method, material ...
    cause TEXT NOT NULL,
    whys TEXT NOT NULL DEFAULT '[]',         -- JSON list: the five-whys chain
    verified INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
    root_cause_id INTEGER REFERENCES root_causes(id) ON DELETE SET NULL,
    title TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',     -- open, in progress, done, cancelled
    due_on TEXT,
    done_on TEXT,
    notes TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE report_templates (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    config TEXT NOT NULL DEFAULT '{}',       -- JSON: title, client, period, sections ...
    last_export_path TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Append-only and hash-chained: hash = sha256(prev_hash + canonical JSON of the row).
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    command TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    action TEXT NOT NULL,                    -- insert, update, delete, summary
    before TEXT,                             -- JSON
    after TEXT,                              -- JSON
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
"""

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
# Tables made from others, not data of their own: a row command's undo does not put their
# rows back (they are summed afresh), a recovery does not copy them.
DERIVED_TABLES = frozenset({"kpi_periods"})
DIRECTIONS_V1 = "CHECK (direction IN ('higher', 'lower', 'band'))"
DIRECTIONS_V3 = "CHECK (direction IN ('higher', 'lower', 'band', 'none'))"
