import Database from 'better-sqlite3';
import type { Beacon } from '../../../protocol/beacon.js';
import type { MeasureDistribution, Storage, StoredEvent, ViewSummary } from '../Storage.js';
import { jsonOrNull, toEventRow } from '../toEventRow.js';
import { migrations } from './migrations.js';

/** The embedded default: one SQLite file in WAL mode, every beacon in one transaction. */
export function openSqliteStorage(file: string): Storage {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const insertBatch = db.prepare(
    'INSERT INTO batches (id, site, view_id, received_at, dropped) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const insertView = db.prepare(
    `INSERT INTO views (id, site, session, url, release, env, sdk, started_at, context)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (site, view_id, batch_id, type, name, start, duration, value, route, data, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const insertBeacon = db.transaction((beacon: Beacon, receivedAt: number) => {
    if (insertBatch.run(beacon.id, beacon.site, beacon.view.id, receivedAt, beacon.dropped ?? 0).changes === 0) {
      return { duplicate: true };
    }
    const { id, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
    insertView.run(id, beacon.site, session, url, release ?? null, env ?? null, sdk, startedAt, jsonOrNull(context));
    for (const event of beacon.events) {
      const row = toEventRow(event);
      const at = Math.round(startedAt + row.start);
      insertEvent.run(beacon.site, id, beacon.id, row.type, row.name, row.start, row.duration, row.value, row.route, row.data, at);
    }
    return { duplicate: false };
  });

  const recentViews = db.prepare(
    `SELECT v.id, v.session, v.url, v.release, v.started_at AS startedAt,
            (SELECT count(*) FROM events e WHERE e.view_id = v.id) AS events
       FROM views v WHERE v.site = ? ORDER BY v.started_at DESC LIMIT ?`,
  );
  const measureDistributions = db.prepare(
    `SELECT name, count(*) AS count,
            percentile_cont(duration, 0.5) AS p50,
            percentile_cont(duration, 0.75) AS p75,
            percentile_cont(duration, 0.95) AS p95
       FROM events WHERE site = ? AND type = 'measure' GROUP BY name ORDER BY name`,
  );
  const events = db.prepare(
    `SELECT batch_id AS batchId, view_id AS viewId, type, name, start, duration, value, route, data
       FROM events WHERE site = ? ORDER BY at, rowid`,
  );

  return {
    insertBeacon: (beacon, receivedAt) => insertBeacon.immediate(beacon, receivedAt),
    recentViews: (site, limit) => recentViews.all(site, limit) as ViewSummary[],
    measureDistributions: (site) => measureDistributions.all(site) as MeasureDistribution[],
    events: (site) => events.all(site) as StoredEvent[],
    close: () => db.close(),
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
