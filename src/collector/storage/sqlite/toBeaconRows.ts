import type { ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import type { ReceivedBeacon } from '../Storage.js';
import { eachStoredEvent } from '../eachStoredEvent.js';
import { jsonOrNull } from '../toEventRow.js';
import { viewWeight } from '../viewWeight.js';
import { hourOf } from '../hourRanges.js';

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
  /** What each of its page view's values counts for: 1/sampleRate (1 unsampled). */
  weight: number;
  /** The beacon's custom tags (none: empty), which a view's later beacons may add to (prepareWriteRows.ts). */
  tags: Record<string, string>;
  /** Each long-animation-frame script, for its hour's sums: hour, release ('' for none), url, function, invoker, invoker type, duration. */
  scripts: [number, string, string, string, string, string, number][];
  /**
   * Profile windows go to their own tables (prepareProfiles.ts), with the view they belong
   * to; `estimated` when their times are sample counts times a mean interval (protocol 1).
   */
  profiles: { view: ViewContext; event: ProfileEvent; estimated: boolean }[];
}

export function toBeaconRows({ beacon, receivedAt, clockCorrection = 0 }: ReceivedBeacon): BeaconRows {
  const { id, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
  const rows: BeaconRows = {
    batch: [beacon.id, beacon.site, id, receivedAt, beacon.dropped ?? 0, clockCorrection],
    view: [
      id,
      beacon.site,
      session,
      url,
      release ?? null,
      env ?? null,
      sdk,
      startedAt,
      jsonOrNull(context),
      context.browser ?? null,
      context.deviceClass ?? null,
      context.connection ?? null,
    ],
    weight: viewWeight(context.sampleRate),
    tags: context.tags ?? {},
    events: [],
    scripts: [],
    profiles: [],
  };
  eachStoredEvent(beacon, {
    event(row, at, rating, scripts) {
      // A vital's rating also gets a column of its own, in the index (migrations.ts).
      rows.events.push([row.type, row.name, row.start, row.duration, row.value, row.route, row.data, at, rating]);
      for (const script of scripts) {
        rows.scripts.push([hourOf(at), release ?? '', script.url, script.fn, script.invoker, script.invokerType, script.duration]);
      }
    },
    profile: (event, estimated) => rows.profiles.push({ view: beacon.view, event, estimated }),
  });
  return rows;
}
