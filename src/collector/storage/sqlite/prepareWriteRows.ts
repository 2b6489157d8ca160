import type Database from 'better-sqlite3';
import { prepareProfileStorage } from '../../profiles/prepareProfileStorage.js';
import { prepareSummaries } from './prepareSummaries.js';
import type { BeaconRows } from './toBeaconRows.js';

/**
 * The write path: one transaction per call, however many beacons it holds, so a flush of a few
 * hundred beacons costs one commit. The batch id's primary key makes a retried batch a no-op.
 */
export function prepareWriteRows(db: Database.Database): (beacons: readonly BeaconRows[]) => { duplicate: boolean; rows: number }[] {
  const insertBatch = db.prepare(
    'INSERT INTO batches (id, site, view_id, received_at, dropped) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const addViewEvents = db.prepare('UPDATE views SET events = events + ? WHERE id = ? RETURNING ref, page');
  const pageId = db.prepare('SELECT id FROM pages WHERE site = ? AND url = ?').pluck();
  const insertPage = db.prepare('INSERT INTO pages (site, url) VALUES (?, ?) RETURNING id').pluck();
  const insertView = db
    .prepare(
      `INSERT INTO views (id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, page, events)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ref`,
    )
    .pluck();
  const insertEvent = db.prepare(
    `INSERT INTO events (site, view, page, batch_id, type, name, start, duration, value, route, data, at, rating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const summaries = prepareSummaries(db);
  const profiles = prepareProfileStorage(db);

  return db.transaction((beacons: readonly BeaconRows[]) => {
    summaries.begin();
    const results = beacons.map(({ batch, view, events, scripts, profiles: windows }) => {
      if (insertBatch.run(batch).changes === 0) return { duplicate: true, rows: 0 };
      const [batchId, site] = batch;
      // A view's later beacons add their events to its count; its first one stores its context,
      // its page and its filter values.
      let stored = addViewEvents.get(events.length, view[0]) as { ref: number; page: number } | undefined;
      if (!stored) {
        const page = (pageId.get(site, view[3]) ?? insertPage.get(site, view[3])) as number;
        stored = { ref: insertView.get(...view, page, events.length) as number, page };
        summaries.addView(view);
      }
      for (const [type, name, start, duration, value, route, data, at, rating] of events) {
        insertEvent.run(site, stored.ref, stored.page, batchId, type, name, start, duration, value, route, data, at, rating);
      }
      summaries.addScripts(site, scripts);
      for (const window of windows) profiles.insert(site, window.view, window.event, window.estimated);
      return { duplicate: false, rows: events.length + windows.length };
    });
    summaries.write();
    return results;
  }).immediate;
}
