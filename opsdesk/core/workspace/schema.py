"""The workspace schema: v1 creates every table; each later version is a script of
changes to the one before (``schema_changes``; ``migrations`` runs them in order, for new
files too).

Conventions: dates are ISO 8601 text (``YYYY-MM-DD`` or ``YYYY-MM-DDTHH:MM:SS``),
free-form structured data is JSON text, booleans are 0/1, ids are INTEGER PRIMARY KEY.
"""

from __future__ import annotations

# PRAGMA application_id: "OPSD" in ASCII, so `file` and other tools can tell our files.
APPLICATION_ID = 0x4F505344
SCHEMA_VERSION = 10

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

# Tables made from others, not data of their own: a row command's undo does not put their
# rows back (they are summed afresh), a recovery does not copy them.
DERIVED_TABLES = frozenset({"kpi_periods"})
