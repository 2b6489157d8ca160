import type Database from 'better-sqlite3';
import { MAX_PROFILES_PER_VIEW } from '../../../protocol/limits.js';
import { prepareProfileWrites } from './prepareProfiles.js';
import type { Inserted } from '../Storage.js';
import { prepareSummaries } from './prepareSummaries.js';
import type { SummarizedView } from './prepareValueHours.js';
import type { BeaconRows } from './toBeaconRows.js';

interface StoredView {
  ref: number;
  page: number;
  profiles: number;
}

/**
 * The write path: one transaction per call, however many beacons it holds, so a flush of a few
 * hundred beacons costs one commit. The batch's primary key (site, id) makes a retried batch a
 * no-op; a view's profile windows beyond MAX_PROFILES_PER_VIEW are left out and counted.
 */
export function prepareWriteRows(db: Database.Database): (beacons: readonly BeaconRows[]) => Inserted[] {
  const insertBatch = db.prepare(
    'INSERT INTO batches (id, site, view_id, received_at, dropped, clock_correction) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site, id) DO NOTHING',
  );
  // A later beacon's values are summarized under the filter values its view stored with its first.
  const addViewEvents = db.prepare(
    `UPDATE views SET events = events + ? WHERE site = ? AND id = ?
     RETURNING ref, page, profiles, url, release, device_class AS deviceClass, browser, connection, started_at AS startedAt`,
  );
  const addViewProfiles = db.prepare('UPDATE views SET profiles = profiles + ? WHERE ref = ?');
  // A tag a view's later beacon set joins those its first beacon stored (one a name).
  const addViewTags = db.prepare(
    `UPDATE views SET context = json_set(coalesce(context, '{}'), '$.tags', json_patch(coalesce(context ->> '$.tags', '{}'), ?)) WHERE ref = ?`,
  );
  const pageId = db.prepare('SELECT id FROM pages WHERE site = ? AND url = ?').pluck();
  const insertPage = db.prepare('INSERT INTO pages (site, url) VALUES (?, ?) RETURNING id').pluck();
  const insertView = db
    .prepare(
      `INSERT INTO views (id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, page, events, weight)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ref`,
    )
    .pluck();
  const insertEvent = db.prepare(
    `INSERT INTO events (site, view, page, batch_id, type, name, start, duration, value, route, data, at, rating, weight)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const summaries = prepareSummaries(db);
  const profiles = prepareProfileWrites(db);

  return db.transaction((beacons: readonly BeaconRows[]) => {
    summaries.begin();
    const results = beacons.map(({ batch, view, weight, tags, events, scripts, profiles: windows }) => {
      if (insertBatch.run(batch).changes === 0) return { duplicate: true, rows: 0, droppedProfiles: 0 };
      const [batchId, site] = batch;
      // A view's later beacons add their events to its count; its first one stores its context,
      // its page and its filter values.
      let stored = addViewEvents.get(events.length, site, view[0]) as (StoredView & Omit<SummarizedView, 'site' | 'weight'>) | undefined;
      if (!stored) {
        const [, , , url, release, , , startedAt, , browser, deviceClass, connection] = view;
        const page = (pageId.get(site, url) ?? insertPage.get(site, url)) as number;
        stored = {
          ref: insertView.get(...view, page, events.length, weight) as number,
          page,
          profiles: 0,
          url,
          release,
          deviceClass,
          browser,
          connection,
          startedAt,
        };
        summaries.addView({ ...stored, site, weight });
      } else if (Object.keys(tags).length > 0) {
        addViewTags.run(JSON.stringify(tags), stored.ref);
      }
      summaries.addTags(site, tags, view[7]);
      for (const [type, name, start, duration, value, route, data, at, rating] of events) {
        insertEvent.run(site, stored.ref, stored.page, batchId, type, name, start, duration, value, route, data, at, rating, weight);
      }
      summaries.addScripts(site, scripts);
      summaries.addValues({ ...stored, site, weight }, events);
      const kept = windows.slice(0, Math.max(0, MAX_PROFILES_PER_VIEW - stored.profiles));
      for (const window of kept) profiles.insert(site, window.view, window.event, window.estimated);
      if (kept.length > 0) addViewProfiles.run(kept.length, stored.ref);
      return { duplicate: false, rows: events.length + kept.length, droppedProfiles: windows.length - kept.length };
    });
    summaries.write();
    return results;
  }).immediate;
}
