import { fillReleaseSpans } from './releaseSpans.js';
import { fillValueHours, fillViewHours } from './valueHoursFill.js';

/**
 * Versioned schema: migration N brings a database from `user_version` N to N+1. Append only;
 * never edit a migration that has shipped. schema.sql beside this file shows the tables they make
 * (a test keeps it current).
 */
export const migrations: string[] = [
  `
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    received_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE views (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    session TEXT NOT NULL,
    url TEXT NOT NULL,
    release TEXT,
    env TEXT,
    sdk TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    context TEXT
  );
  CREATE INDEX views_by_site_time ON views (site, started_at);

  CREATE TABLE events (
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    start REAL NOT NULL,
    duration REAL,
    value REAL,
    route TEXT,
    data TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX events_by_site_type_name ON events (site, type, name);
  `,
  // Batches the sender's outbox dropped (bound reached, or refused for good) before this one.
  `ALTER TABLE batches ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0;`,
  // The view context the query API filters on, as columns. Events found by time within a type
  // and name, the index also holding `value` and a vital's `rating` so that percentiles and rating
  // shares are read from the index alone (1M events: 2.5 s reading rows, 0.33 s from the index). The
  // index is ordered by time, so inserts still land at its end; an index *led* by `value` would
  // cost inserts ~10×. Batches found by age for retention.
  `
  ALTER TABLE views ADD COLUMN browser TEXT;
  ALTER TABLE views ADD COLUMN device_class TEXT;
  ALTER TABLE views ADD COLUMN connection TEXT;
  UPDATE views SET browser = context ->> '$.browser', device_class = context ->> '$.deviceClass',
                   connection = context ->> '$.connection';
  ALTER TABLE events ADD COLUMN rating TEXT;
  UPDATE events SET rating = data ->> '$.rating' WHERE type = 'vital';
  DROP INDEX events_by_site_type_name;
  CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating);
  CREATE INDEX batches_by_received_at ON batches (received_at);
  `,
  // Profiles (src/collector/profiles/): frames and stacks interned per site, stored as the page
  // sent them (minified): source maps may be uploaded later, so symbolication happens at query time.
  // One row per window × attribution target × stack, in ms (samples × interval); stack NULL is the
  // window's or target's exact "other". Function aggregates are exact per window.
  `
  CREATE TABLE profile_frames (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    line INTEGER NOT NULL,
    col INTEGER NOT NULL,
    UNIQUE (site, name, url, line, col)
  );
  CREATE TABLE profile_stacks (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    frames TEXT NOT NULL,
    UNIQUE (site, frames)
  );
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
  );
  CREATE INDEX profile_samples_by_target ON profile_samples (site, target_kind, target_name, at);
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
  );
  CREATE INDEX profile_functions_by_site_at ON profile_functions (site, at);
  CREATE TABLE sourcemaps (
    site TEXT NOT NULL,
    release TEXT NOT NULL,
    file TEXT NOT NULL,
    map TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (site, release, file)
  ) WITHOUT ROWID;
  `,
  // A view's count of stored events, kept up by the beacons' inserts: counting them at query time
  // scanned every event per listed view (recent views over 1M events: 9.7 s, now ~1 ms).
  `
  ALTER TABLE views ADD COLUMN events INTEGER NOT NULL DEFAULT 0;
  UPDATE views SET events = counted.events
    FROM (SELECT view_id, count(*) AS events FROM events GROUP BY view_id) AS counted
   WHERE counted.view_id = views.id;
  `,
  // Events refer to their view by an integer key of its own (`ref`: the rowid, kept by VACUUM and
  // never reused, so an event can never come to point at a later view), not by its 32-character
  // id, and the covering index carries it: a query filtered by a view's
  // columns (release, page, device…) then finds each event's view from the index and one rowid
  // lookup, not from the event's row and a text-key lookup (bench:queries, 1M events: vitals of one
  // release 1.17 s → 0.12 s, pages 1.27 → 0.26 s). Event rows get 33 bytes shorter, the index 2–4 longer.
  `
  CREATE TABLE views_by_ref (
    ref INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
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
    events INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO views_by_ref (id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, events)
    SELECT id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, events FROM views ORDER BY rowid;
  DROP TABLE views;
  ALTER TABLE views_by_ref RENAME TO views;
  CREATE INDEX views_by_site_time ON views (site, started_at);

  ALTER TABLE events ADD COLUMN view INTEGER NOT NULL DEFAULT 0;
  UPDATE events SET view = views.ref FROM views WHERE views.id = events.view_id;
  DROP INDEX events_by_site_type_name_at;
  ALTER TABLE events DROP COLUMN view_id;
  CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating, view);
  `,
  // The covering index also carries `duration`: measure percentiles and the slowest interactions
  // are then read from the index, not from every event's row (bench:queries, 1M events over 7
  // days: measures 124 → 14 ms, interactions 135 → 23 ms).
  `
  DROP INDEX events_by_site_type_name_at;
  CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating, view, duration);
  `,
  // Long-animation-frame scripts summed per hour as they arrive: the dashboard's top scripts over
  // days read these sums for the whole hours of their range and the events' JSON only for its two
  // partial hours (bench:queries, 1M events over 7 days: 651 → 11 ms).
  // Queries with a view or route filter still read the events.
  `
  CREATE TABLE frame_script_hours (
    site TEXT NOT NULL,
    hour INTEGER NOT NULL,
    url TEXT NOT NULL,
    fn TEXT NOT NULL,
    invoker TEXT NOT NULL,
    invoker_type TEXT NOT NULL,
    count INTEGER NOT NULL,
    total REAL NOT NULL,
    max REAL NOT NULL,
    PRIMARY KEY (site, hour, url, fn, invoker, invoker_type)
  ) WITHOUT ROWID;
  INSERT INTO frame_script_hours
    SELECT e.site, e.at / 3600000, s.value ->> '$.url', s.value ->> '$.fn', s.value ->> '$.invoker', s.value ->> '$.invokerType',
           count(*), sum(s.value ->> '$.duration'), max(s.value ->> '$.duration')
      FROM events e, json_each(e.data, '$.scripts') s WHERE e.type = 'loaf' GROUP BY 1, 2, 3, 4, 5, 6;
  `,
  // The filter bar's values, each with the start of its newest view, kept as views arrive: the
  // values seen since a time are then an index range, not a scan of every view five times
  // (bench:queries, 1M events over 7 days: 122 ms → under 1 ms). With an end to the range the
  // views are still scanned.
  `
  CREATE TABLE facet_values (
    site TEXT NOT NULL,
    facet TEXT NOT NULL,
    value TEXT NOT NULL,
    last_seen INTEGER NOT NULL,
    PRIMARY KEY (site, facet, value)
  ) WITHOUT ROWID;
  CREATE INDEX facet_values_by_last_seen ON facet_values (site, facet, last_seen);
  INSERT INTO facet_values
    SELECT site, 'page', url, max(started_at) FROM views GROUP BY site, url
    UNION ALL SELECT site, 'release', release, max(started_at) FROM views WHERE release IS NOT NULL GROUP BY site, release
    UNION ALL SELECT site, 'device', device_class, max(started_at) FROM views WHERE device_class IS NOT NULL GROUP BY site, device_class
    UNION ALL SELECT site, 'browser', browser, max(started_at) FROM views WHERE browser IS NOT NULL GROUP BY site, browser
    UNION ALL SELECT site, 'connection', connection, max(started_at) FROM views WHERE connection IS NOT NULL GROUP BY site, connection;
  `,
  // Pages (a view's URL) get an integer id that views and events carry, the events in the covering
  // index: the pages table groups events by page from the index instead of joining every vital to
  // its view, and a page filter needs no join (bench:queries, 1M events over 7 days: pages 270 → 195 ms,
  // the overview of one page 357 → 173 ms).
  `
  CREATE TABLE pages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    UNIQUE (site, url)
  );
  INSERT INTO pages (site, url) SELECT site, url FROM views GROUP BY site, url ORDER BY min(ref);
  ALTER TABLE views ADD COLUMN page INTEGER NOT NULL DEFAULT 0;
  UPDATE views SET page = pages.id FROM pages WHERE pages.site = views.site AND pages.url = views.url;
  ALTER TABLE events ADD COLUMN page INTEGER NOT NULL DEFAULT 0;
  UPDATE events SET page = views.page FROM views WHERE views.ref = events.view;
  DROP INDEX events_by_site_type_name_at;
  CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating, view, duration, page);
  `,
  // The hourly script sums are kept per release too: "what does this release's code cost" is the
  // filter the dashboard is used with most, and it read every long frame's JSON (bench:queries,
  // 1M events over 7 days, one release: scripts 241–257 ms). Refilled from the events.
  `
  CREATE TABLE frame_script_release_hours (
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
  INSERT INTO frame_script_release_hours
    SELECT e.site, e.at / 3600000, coalesce(v.release, ''), s.value ->> '$.url', s.value ->> '$.fn', s.value ->> '$.invoker',
           s.value ->> '$.invokerType', count(*), sum(s.value ->> '$.duration'), max(s.value ->> '$.duration')
      FROM events e JOIN views v ON v.ref = e.view, json_each(e.data, '$.scripts') s WHERE e.type = 'loaf' GROUP BY 1, 2, 3, 4, 5, 6, 7;
  DROP TABLE frame_script_hours;
  ALTER TABLE frame_script_release_hours RENAME TO frame_script_hours;
  `,
  // Ids are a site's own: a batch id or view id that site A used made site B's batch with the same
  // id a duplicate that was never stored, and attached A's events to B's view. Batches and views
  // are keyed by (site, id) now. A view also counts its profile windows, so that one page view
  // cannot store more than MAX_PROFILES_PER_VIEW of them. A source map's size is kept before it
  // (a column after a large value is read only by walking its overflow pages), so that a site's
  // quota is summed without reading megabytes of maps; a rowid table, which suits large rows. A
  // batch keeps what the collector added to its times for its page's clock error (correctClock.ts).
  `
  CREATE TABLE sourcemaps_sized (
    site TEXT NOT NULL,
    release TEXT NOT NULL,
    file TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    bytes INTEGER NOT NULL,
    map TEXT NOT NULL,
    UNIQUE (site, release, file)
  );
  INSERT INTO sourcemaps_sized SELECT site, release, file, uploaded_at, length(CAST(map AS BLOB)), map FROM sourcemaps;
  DROP TABLE sourcemaps;
  ALTER TABLE sourcemaps_sized RENAME TO sourcemaps;

  CREATE TABLE batches_by_site (
    site TEXT NOT NULL,
    id TEXT NOT NULL,
    view_id TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    dropped INTEGER NOT NULL DEFAULT 0,
    clock_correction INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (site, id)
  ) WITHOUT ROWID;
  INSERT INTO batches_by_site SELECT site, id, view_id, received_at, dropped, 0 FROM batches;
  DROP TABLE batches;
  ALTER TABLE batches_by_site RENAME TO batches;
  CREATE INDEX batches_by_received_at ON batches (received_at);

  CREATE TABLE views_by_site (
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
    profiles INTEGER NOT NULL DEFAULT 0,
    UNIQUE (site, id)
  );
  INSERT INTO views_by_site (ref, id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, events, page, profiles)
    SELECT v.ref, v.id, v.site, v.session, v.url, v.release, v.env, v.sdk, v.started_at, v.context, v.browser, v.device_class,
           v.connection, v.events, v.page, coalesce(w.windows, 0)
      FROM views v LEFT JOIN (SELECT site, view_id, count(DISTINCT target_start) AS windows FROM profile_samples
                               WHERE target_kind = 'window' GROUP BY site, view_id) w ON w.site = v.site AND w.view_id = v.id
     ORDER BY v.ref;
  DROP TABLE views;
  ALTER TABLE views_by_site RENAME TO views;
  CREATE INDEX views_by_site_time ON views (site, started_at);
  -- A session's page views, for its erasure (DELETE /v1/sites/:site/sessions/:id).
  CREATE INDEX views_by_session ON views (site, session);
  -- One page view's events, in the order they happened (GET /v1/sites/:site/views/:id).
  CREATE INDEX events_by_view ON events (view, start);
  `,
  // Profile times from sample timestamps (protocol 2: each sample weighted by the time to the next),
  // with the samples behind each figure. The rows so far came from protocol 1, samples × a mean
  // interval, which Chromium's bursts of samples can make several times the truth: they are
  // marked estimated (their sample counts were not kept).
  `
  ALTER TABLE profile_samples ADD COLUMN samples INTEGER;
  ALTER TABLE profile_samples ADD COLUMN estimated INTEGER NOT NULL DEFAULT 1;
  ALTER TABLE profile_functions ADD COLUMN self_samples INTEGER;
  ALTER TABLE profile_functions ADD COLUMN total_samples INTEGER;
  ALTER TABLE profile_functions ADD COLUMN estimated INTEGER NOT NULL DEFAULT 1;
  `,
  // Alerts (webhooks on a budget's or a release's change): each alert's last state, and an outbox
  // of webhooks, marked delivered once the receiver answered, so that a restart resends only
  // what was not (AlertStorage.ts).
  `
  CREATE TABLE alert_states (
    site TEXT NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    changed_at INTEGER NOT NULL,
    PRIMARY KEY (site, key)
  ) WITHOUT ROWID;
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
  CREATE INDEX alert_outbox_pending ON alert_outbox (id) WHERE delivered_at IS NULL;
  `,
  // Each page view and event weighs 1/sampleRate (its session's data-sample-rate), for counts and
  // shares of the page views sampled ones stand for; the covering index carries it, as it does
  // what the overview's queries read.
  `
  ALTER TABLE views ADD COLUMN weight REAL NOT NULL DEFAULT 1;
  ALTER TABLE events ADD COLUMN weight REAL NOT NULL DEFAULT 1;
  UPDATE views SET weight = 1.0 / (context ->> '$.sampleRate') WHERE (context ->> '$.sampleRate') > 0;
  UPDATE events SET weight = (SELECT v.weight FROM views v WHERE v.ref = events.view) WHERE view IN (SELECT ref FROM views WHERE weight != 1);
  DROP INDEX events_by_site_type_name_at;
  CREATE INDEX events_by_site_type_name_at ON events (site, type, name, at, value, rating, view, duration, page, weight);
  `,
  // Hourly value summaries, so that the overview at 10M events does not sort millions of values
  // (vitals 1.27 s and pages 1.31 s there): per site, hour and facet (every view's, or one filter
  // value's), each vital's and measure's count, weight and a vital's weighted ratings (exact) and a
  // histogram of its values (percentiles within 1%: histograms/histogramBucket.ts), and the page
  // views that started per page, counted and weighted. Filled from the stored rows
  // (valueHoursFill.ts).
  `
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
  ${fillValueHours('1')};
  ${fillViewHours('1')};
  `,
  // The overview at 10M events: long frames by time, for the script sums' cut hours (a frame's
  // name is its invoker's, so the covering index finds no time range among them); interactions by
  // duration, the slowest first, with the time and page their filters read; and each release's
  // first and latest view and views, kept as views arrive (prepareSummaries.ts) instead of
  // grouping every view. (Idempotent: a test runs it again.)
  `
  CREATE INDEX IF NOT EXISTS events_loaf_by_time ON events (site, at) WHERE type = 'loaf';
  CREATE INDEX IF NOT EXISTS events_interactions_by_duration ON events (site, duration DESC, at, page) WHERE type = 'interaction';
  CREATE TABLE IF NOT EXISTS release_spans (
    site TEXT NOT NULL,
    release TEXT NOT NULL,
    first_seen INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    views INTEGER NOT NULL,
    PRIMARY KEY (site, release)
  ) WITHOUT ROWID;
  ${fillReleaseSpans('1')};
  `,
];
