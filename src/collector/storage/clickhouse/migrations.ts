import type { Step, TableLayout } from './tableLayout.js';

/** The columns of a page view's context that queries filter on, repeated on every row (no joins). */
const VIEW_COLUMNS = `page String, release Nullable(String), device_class Nullable(String), connection Nullable(String), browser Nullable(String)`;
/** A resource timing summary's totals per initiator type or origin (ResourceStat in protocol/beacon.ts). */
const RESOURCE_STAT = 'Nested(name String, count UInt32, transfer UInt64, decoded UInt64, cached UInt32, duration Float64)';

/**
 * Versioned schema for ClickHouse 18.16: migration N brings the database from version N to N+1
 * (`schema_migrations`). Append only. A migration lists tables, each as its statements in order
 * (a Distributed table after its _local one). Every statement is idempotent (IF NOT EXISTS), so
 * two collectors starting at once may both run one. Tables are partitioned by day: 18.16 has no TTL,
 * so retention drops whole days (deleteBefore.ts). Times are epoch ms in Int64 (no DateTime64 in
 * 18.16), `day` the UTC date a row is partitioned by.
 */
export const migrations: ((layout: TableLayout) => Step[][])[] = [
  (layout) => [
    // Sorted by what every query starts with: the site, the kind and name of event, the time.
    layout.sharded('events', {
      columns: `site LowCardinality(String), day Date, at Int64, batch_id String, view_id String, type LowCardinality(String),
        name String, start Float64, duration Nullable(Float64), value Nullable(Float64), rating Nullable(String),
        route Nullable(String), data Nullable(String), ${VIEW_COLUMNS}`,
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, type, name, at)',
    }),
    // One row per beacon: a view is the group of its beacons' rows (its context from any, its
    // event count summed), so that a later beacon of a view is an insert, never an update.
    layout.sharded('views', {
      columns: `site LowCardinality(String), day Date, started_at Int64, view_id String, batch_id String, session String,
        env Nullable(String), sdk String, context Nullable(String), events UInt32, profiles UInt32, ${VIEW_COLUMNS}`,
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, started_at, view_id)',
    }),
    // Each stored batch (state 1), and on one server without ZooKeeper also each batch being
    // stored (state 0): see localClaims.ts. Sorted for the lookup by (site, id).
    layout.sharded('batches', {
      columns: 'site LowCardinality(String), day Date, received_at Int64, batch_id String, view_id String, dropped UInt32, state UInt8',
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, batch_id)',
    }),
    // Every script of every long animation frame: summed exactly at query time.
    layout.sharded('frame_scripts', {
      columns: `site LowCardinality(String), day Date, at Int64, batch_id String, view_id String, route Nullable(String),
        url String, fn String, invoker String, invoker_type String, duration Float64, ${VIEW_COLUMNS}`,
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, at)',
    }),
    // A map's versions: reads take the newest row of (site, release, file), and a `deleted` row
    // removes it at once; merges keep only the newest, so a replaced or deleted map's bytes go.
    layout.global('sourcemaps', {
      columns: 'site String, release String, file String, version Int64, uploaded_at Int64, deleted UInt8, bytes UInt64, map String',
      engine: 'ReplacingMergeTree',
      engineArgs: 'version',
      orderBy: '(site, release, file)',
    }),
    // Retention's cutoffs: rows older than the newest are no longer counted, whole days are dropped.
    layout.global('retention', { columns: 'cutoff Int64', engine: 'MergeTree', orderBy: 'cutoff' }),
  ],
  // Profile windows (src/collector/profiles/), one row per window × attribution target × stack,
  // in ms (samples × interval), and exact per-window function times. Frames are stored as the
  // page sent them (minified), as JSON on each row: no interning tables to join or to clean up
  // at retention, and ClickHouse compresses the repeats. An empty stack is the exact "other".
  (layout) => [
    layout.sharded('profile_samples', {
      columns: `site LowCardinality(String), day Date, at Int64, batch_id String, view_id String, page String, route Nullable(String),
        release Nullable(String), target_kind LowCardinality(String), target_name String, target_start Float64,
        interaction_id Nullable(Int64), stack String, ms Float64`,
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, target_kind, target_name, at)',
    }),
    layout.sharded('profile_functions', {
      columns: `site LowCardinality(String), day Date, at Int64, batch_id String, view_id String, page String, route Nullable(String),
        release Nullable(String), frame String, self_ms Float64, total_ms Float64`,
      engine: 'MergeTree',
      partitionBy: 'day',
      orderBy: '(site, at)',
    }),
  ],
  // What the detail queries read, in columns of their own: 18.16 can neither iterate a JSON
  // object's keys nor read a path of it (no JSONExtract*), so the fields they group by and sum are
  // stored beside `data` at insert (toDetailColumns.ts). `arrival` orders a view's events of one
  // start as they arrived (the beacon's receipt, then its order in the beacon), as SQLite's rowid
  // does. Profile figures gain their sample counts (protocol 2); rows before this were protocol 1's
  // estimates from counts, whose counts were not kept: samples 0, estimated. The adapter had not
  // been released before this migration, so no database holds events without the new columns.
  (layout) => [
    [
      layout.addColumns('events', [
        // The element a vital's attribution names (LCP, CLS, INP).
        'target Nullable(String)',
        // A long task's container (`window`, `iframe`).
        'container Nullable(String)',
        'arrival Int64',
        'phases Nested(name String, ms Float64)',
        `by_type ${RESOURCE_STAT}`,
        `by_origin ${RESOURCE_STAT}`,
        'render_blocking Array(String)',
        'slowest Nested(url String, initiator String, duration Float64)',
      ]),
    ],
    [layout.addColumns('profile_samples', ['samples UInt32', 'estimated UInt8 DEFAULT 1'])],
    [layout.addColumns('profile_functions', ['self_samples UInt32', 'total_samples UInt32', 'estimated UInt8 DEFAULT 1'])],
  ],
  // 4: a batch keeps the ms the collector added to its page's times (correctClock), for the
  // delivery route; batches stored before it had none recorded (0).
  (layout) => [[layout.addColumns('batches', ['clock_correction Float64 DEFAULT 0'])]],
  // 5: alerts (AlertStorage.ts), on every server: each change with its webhook, and each send's
  // outcome as a row of its own (alertStore.ts), so that nothing is updated in place.
  (layout) => [
    layout.global('alert_outbox', { columns: 'id Int64, site String, alert String, state String, body String, at Int64', engine: 'MergeTree', orderBy: 'id' }),
    layout.global('alert_settlements', { columns: 'id Int64, delivered UInt8, at Int64, seq Int64', engine: 'MergeTree', orderBy: '(id, seq)' }),
  ],
  // 6: a beacon's custom tags (`name:value`) on its view row, for the tag filter and its facet.
  (layout) => [[layout.addColumns('views', ['tags Array(String)'])]],
  // 7: what each row's page view counts for, 1/sampleRate (viewWeight.ts), for weighted counts and shares.
  (layout) => [[layout.addColumns('views', ['weight Float64 DEFAULT 1'])], [layout.addColumns('events', ['weight Float64 DEFAULT 1'])]],
];
