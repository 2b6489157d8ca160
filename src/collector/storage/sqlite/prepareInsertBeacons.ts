import type Database from 'better-sqlite3';
import { prepareProfileStorage } from '../../profiles/prepareProfileStorage.js';
import type { ReceivedBeacon } from '../Storage.js';
import { jsonOrNull, toEventRow } from '../toEventRow.js';

/**
 * The write path: one transaction per call, however many beacons it holds, so a flush of a few
 * hundred beacons costs one commit. The batch id's primary key makes a retried batch a no-op.
 */
export function prepareInsertBeacons(db: Database.Database): (beacons: readonly ReceivedBeacon[]) => { duplicate: boolean; rows: number }[] {
  const insertBatch = db.prepare(
    'INSERT INTO batches (id, site, view_id, received_at, dropped) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
  );
  const insertView = db.prepare(
    `INSERT INTO views (id, site, session, url, release, env, sdk, started_at, context, browser, device_class, connection, events)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET events = events + excluded.events`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (site, view_id, batch_id, type, name, start, duration, value, route, data, at, rating)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const profiles = prepareProfileStorage(db);

  return db.transaction((beacons: readonly ReceivedBeacon[]) =>
    beacons.map(({ beacon, receivedAt }) => {
      if (insertBatch.run(beacon.id, beacon.site, beacon.view.id, receivedAt, beacon.dropped ?? 0).changes === 0) {
        return { duplicate: true, rows: 0 };
      }
      const { id, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
      let events = 0;
      for (const event of beacon.events) {
        // Profiles go to their own tables: a window is hundreds of rows of stacks, not one JSON blob.
        if (event.type === 'profile') {
          profiles.insert(beacon.site, beacon.view, event);
          continue;
        }
        const row = toEventRow(event);
        const at = Math.round(startedAt + row.start);
        // A vital's rating also gets a column of its own, in the index (migrations.ts).
        const rating = event.type === 'vital' ? event.rating : null;
        insertEvent.run(beacon.site, id, beacon.id, row.type, row.name, row.start, row.duration, row.value, row.route, row.data, at, rating);
        events++;
      }
      // The view's first beacon stores its context; each one adds its events to the view's count.
      insertView.run(
        id, beacon.site, session, url, release ?? null, env ?? null, sdk, startedAt, jsonOrNull(context),
        context.browser ?? null, context.deviceClass ?? null, context.connection ?? null, events,
      );
      return { duplicate: false, rows: beacon.events.length };
    }),
  ).immediate;
}
