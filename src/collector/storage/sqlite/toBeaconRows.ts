import type { ProfileEvent, ProfileEventV1, ViewContext } from '../../../protocol/beacon.js';
import { estimateFromCounts } from '../estimateFromCounts.js';
import type { ReceivedBeacon } from '../Storage.js';
import { jsonOrNull, toEventRow } from '../toEventRow.js';
import { scriptHour } from './scriptHours.js';

/**
 * A beacon as the values of the SQLite rows it becomes, in the columns' order
 * (prepareWriteRows.ts): plain arrays, so that they cross to the writer thread as a cheap
 * structured clone and the writer thread spends its time on SQLite, not on parsing and shaping.
 */
export interface BeaconRows {
  /** id, site, view id, received at, dropped, clock correction. */
  batch: [string, string, string, number, number, number];
  /** id, site, session, url, release, env, sdk, started at, context JSON, browser, device class, connection. */
  view: [string, string, string, string, string | null, string | null, string, number, string | null, string | null, string | null, string | null];
  /** type, name, start, duration, value, route, data JSON, at (epoch ms), a vital's rating. */
  events: [string, string, number, number | null, number | null, string | null, string | null, number, string | null][];
  /** Each long-animation-frame script, for its hour's sums: hour, release ('' for none), url, function, invoker, invoker type, duration. */
  scripts: [number, string, string, string, string, string, number][];
  /**
   * Profile windows go to their own tables (prepareProfileStorage.ts), with the view they belong
   * to; `estimated` when their times are sample counts times a mean interval (protocol 1).
   */
  profiles: { view: ViewContext; event: ProfileEvent; estimated: boolean }[];
}

export function toBeaconRows({ beacon, receivedAt, clockCorrection = 0 }: ReceivedBeacon): BeaconRows {
  const { id, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
  const rows: BeaconRows = {
    batch: [beacon.id, beacon.site, id, receivedAt, beacon.dropped ?? 0, clockCorrection],
    view: [
      id, beacon.site, session, url, release ?? null, env ?? null, sdk, startedAt, jsonOrNull(context),
      context.browser ?? null, context.deviceClass ?? null, context.connection ?? null,
    ],
    events: [],
    scripts: [],
    profiles: [],
  };
  for (const event of beacon.events) {
    // Profiles go to their own tables: a window is hundreds of rows of stacks, not one JSON blob.
    if (event.type === 'profile') {
      if (beacon.v === 1) rows.profiles.push({ view: beacon.view, event: estimateFromCounts(event as ProfileEventV1), estimated: true });
      else rows.profiles.push({ view: beacon.view, event: event as ProfileEvent, estimated: false });
      continue;
    }
    const row = toEventRow(event);
    const at = Math.round(startedAt + row.start);
    // A vital's rating also gets a column of its own, in the index (migrations.ts).
    const rating = event.type === 'vital' ? event.rating : null;
    rows.events.push([row.type, row.name, row.start, row.duration, row.value, row.route, row.data, at, rating]);
    if (event.type === 'loaf') {
      for (const script of event.scripts) {
        rows.scripts.push([scriptHour(at), release ?? '', script.url, script.fn, script.invoker, script.invokerType, script.duration]);
      }
    }
  }
  return rows;
}
