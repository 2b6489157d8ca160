import type Database from 'better-sqlite3';
import type { AcceptedBeacon, PerfEvent, ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../../protocol/limits.js';
import type { ReceivedBeacon } from '../Storage.js';
import type { EventRow } from '../toEventRow.js';

interface BatchRow {
  site: string;
  id: string;
  receivedAt: number;
  dropped: number;
  clockCorrection: number;
  ref: number;
  viewId: string;
  session: string;
  url: string;
  release: string | null;
  env: string | null;
  sdk: string;
  startedAt: number;
  context: string | null;
  /** The view's first batch, which carries its profile windows. */
  first: number;
}

const present = <K extends string>(key: K, value: number | string | null) => (value === null ? {} : { [key]: value });

/**
 * Every stored batch of a SQLite database as the beacon it was (`toEventRow`'s columns and JSON
 * put back together), in the order received, for `pageprof migrate`. Times are as stored: the
 * clock correction is in them already. A view's profile windows (`profilesOf`) go with its first
 * batch, since which batch carried each is not stored. A batch whose view was erased has no
 * beacon left: those are counted.
 */
export function* readStoredBatches(
  db: Database.Database,
  counted: { erased: number },
  profilesOf: (site: string, viewId: string) => ProfileEvent[],
): Generator<ReceivedBeacon> {
  const eventsOf = db.prepare<[number, string], EventRow>(
    'SELECT type, name, start, duration, value, route, data FROM events WHERE view = ? AND batch_id = ? ORDER BY start, rowid',
  );
  counted.erased = (
    db.prepare('SELECT count(*) AS n FROM batches b WHERE NOT EXISTS (SELECT 1 FROM views v WHERE v.site = b.site AND v.id = b.view_id)').get() as {
      n: number;
    }
  ).n;
  const batches = db.prepare<[], BatchRow>(
    `SELECT b.site, b.id, b.received_at AS receivedAt, b.dropped, b.clock_correction AS clockCorrection, v.ref, v.id AS viewId, v.session,
            v.url, v.release, v.env, v.sdk, v.started_at AS startedAt, v.context,
            row_number() OVER (PARTITION BY b.site, b.view_id ORDER BY b.received_at, b.id) = 1 AS first
       FROM batches b JOIN views v ON v.site = b.site AND v.id = b.view_id ORDER BY b.received_at, b.site, b.id`,
  );
  for (const batch of batches.iterate()) {
    const view = {
      id: batch.viewId,
      session: batch.session,
      url: batch.url,
      sdk: batch.sdk,
      startedAt: batch.startedAt,
      ...present('release', batch.release),
      ...present('env', batch.env),
      ...(batch.context ? (JSON.parse(batch.context) as object) : {}),
    } as ViewContext;
    const events = eventsOf.all(batch.ref, batch.id).map(
      ({ type, name, start, duration, value, route, data }) =>
        ({
          type,
          name,
          start,
          ...present('duration', duration),
          ...present('value', value),
          ...present('route', route),
          ...(data ? JSON.parse(data) : {}),
        }) as PerfEvent,
    );
    const beacon = {
      v: PROTOCOL_VERSION,
      id: batch.id,
      site: batch.site,
      sentAt: batch.receivedAt,
      view,
      events: batch.first ? [...events, ...profilesOf(batch.site, batch.viewId)] : events,
      ...(batch.dropped ? { dropped: batch.dropped } : {}),
    } as AcceptedBeacon;
    yield { beacon, receivedAt: batch.receivedAt, clockCorrection: batch.clockCorrection };
  }
}
