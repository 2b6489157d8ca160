-- The SQLite schema that migrations.ts makes, table by table: a snapshot to read, never run.

CREATE TABLE alert_outbox (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    body TEXT NOT NULL,
    at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    delivered_at INTEGER
  );

CREATE TABLE alert_states (
    site TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (site, key)
  ) WITHOUT ROWID;

CREATE TABLE "batches" (
    site TEXT NOT NULL,
    id TEXT NOT NULL,
    view_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    dropped INTEGER NOT NULL DEFAULT 0,
    clock_correction INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, id)
  ) WITHOUT ROWID;

CREATE TABLE events (
    site TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    start REAL NOT NULL,
    duration REAL,
    value REAL,
    route TEXT,
    data TEXT,
    at INTEGER NOT NULL
  , rating TEXT, view INTEGER NOT NULL DEFAULT 0, page INTEGER NOT NULL DEFAULT 0, weight REAL NOT NULL DEFAULT 1);

CREATE TABLE facet_values (
    site TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (site, facet, value)
  ) WITHOUT ROWID;

CREATE TABLE "frame_script_hours" (
    site TEXT NOT NULL,
    hour INTEGER NOT NULL,
    release TEXT NOT NULL,
    url TEXT NOT NULL,
    fn TEXT NOT NULL,
    invoker TEXT NOT NULL,
    invoker_type TEXT NOT NULL,
    count INTEGER NOT NULL,
    total REAL NOT NULL,
    max REAL NOT NULL,
    PRIMARY KEY (site, hour, release, url, fn, invoker, invoker_type)
  ) WITHOUT ROWID;

CREATE TABLE pages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    UNIQUE (site, url)
  );

CREATE TABLE profile_frames (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    UNIQUE (site, name, url, line, col)
  );

CREATE TABLE profile_functions (
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    page TEXT NOT NULL,
    route TEXT,
    release TEXT,
    frame_id INTEGER NOT NULL,
    self_ms REAL NOT NULL,
    total_ms REAL NOT NULL,
    at INTEGER NOT NULL
  , self_samples INTEGER, total_samples INTEGER, estimated INTEGER NOT NULL DEFAULT 1);

CREATE TABLE profile_samples (
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    page TEXT NOT NULL,
    route TEXT,
    release TEXT,
    target_kind TEXT NOT NULL,
    target_name TEXT NOT NULL,
    target_start REAL NOT NULL,
    interaction_id INTEGER,
    stack_id INTEGER,
    ms REAL NOT NULL,
    at INTEGER NOT NULL
  , samples INTEGER, estimated INTEGER NOT NULL DEFAULT 1);

CREATE TABLE profile_stacks (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    frames TEXT NOT NULL,
    UNIQUE (site, frames)
  );

CREATE TABLE release_spans (
    site TEXT NOT NULL,
    release TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (site, release)
  ) WITHOUT ROWID;

CREATE TABLE "sourcemaps" (
    site TEXT NOT NULL,
    release TEXT NOT NULL,
    file TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    map TEXT NOT NULL,
    UNIQUE (site, release, file)
  );

CREATE TABLE value_hours (
    site TEXT NOT NULL,
    metric TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    name TEXT NOT NULL,
    hour INTEGER NOT NULL,
    count INTEGER NOT NULL,
    weighted REAL NOT NULL,
    good REAL NOT NULL,
    needs REAL NOT NULL,
    poor REAL NOT NULL,
    histogram BLOB NOT NULL,
    PRIMARY KEY (site, metric, facet, value, name, hour)
  ) WITHOUT ROWID;

CREATE TABLE "views" (
    ref INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL,
    site TEXT NOT NULL,
    session TEXT NOT NULL,
    url TEXT NOT NULL,
    release TEXT,
    env TEXT,
    sdk TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    context TEXT,
    browser TEXT,
    device_class TEXT,
    connection TEXT,
    events INTEGER NOT NULL DEFAULT 0,
    page INTEGER NOT NULL DEFAULT 0,
    profiles INTEGER NOT NULL DEFAULT 0, weight REAL NOT NULL DEFAULT 1,
    UNIQUE (site, id)
  );

CREATE INDEX alert_outbox_pending ON alert_outbox (id) WHERE delivered_at IS NULL;

CREATE INDEX batches_by_received_at ON batches (received_at);

CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating, view, duration, page, weight);

CREATE INDEX events_by_view ON events (view, start);

CREATE INDEX events_interactions_by_duration ON events (site, duration DESC, at, page) WHERE type = 'interaction';

CREATE INDEX events_loaf_by_time ON events (site, at) WHERE type = 'loaf';

CREATE INDEX facet_values_by_last_seen ON facet_values (site, facet, last_seen);

CREATE INDEX profile_functions_by_site_at ON profile_functions (site, at);

CREATE INDEX profile_samples_by_target ON profile_samples (site, target_kind, target_name, at);

CREATE INDEX views_by_session ON views (site, session);

CREATE INDEX views_by_site_time ON views (site, started_at);
