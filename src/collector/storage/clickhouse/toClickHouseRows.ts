import type { ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import type { ReceivedBeacon } from '../Storage.js';
import { eachStoredEvent } from '../eachStoredEvent.js';
import { jsonOrNull } from '../toEventRow.js';
import { tagValues } from '../tagValues.js';
import { viewWeight } from '../viewWeight.js';
import type { Row } from './Row.js';
import { toDetailColumns } from './toDetailColumns.js';

/** The UTC date of an epoch-ms time: the day partition a row goes to. */
export const dayOf = (at: number): string => new Date(at).toISOString().slice(0, 10);

/** What identifies a batch: its id is its site's own. */
export interface BatchKey {
  site: string;
  batchId: string;
  /** The view's start: the same in every retry of the batch, so its claim can be found by day. */
  viewStartedAt: number;
}

export const keyOf = ({ site, batchId }: BatchKey): string => `${site}\n${batchId}`;

/** One beacon as the rows of each table (migrations.ts), in JSONEachRow's shape: column → value. */
export interface BeaconRows {
  key: BatchKey;
  batch: Row;
  view: Row;
  events: Row[];
  scripts: Row[];
  /** Profile windows, with the view they belong to: rows once the view's bound is known (keepProfiles.ts). */
  profiles: { view: ViewContext; event: ProfileEvent; estimated: boolean }[];
  samples: Row[];
  functions: Row[];
}

export function toClickHouseRows({ beacon, receivedAt, clockCorrection = 0 }: ReceivedBeacon): BeaconRows {
  const { id: viewId, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
  const site = beacon.site;
  const batchId = beacon.id;
  const weight = viewWeight(context.sampleRate);
  // The columns queries filter on, on every row of the view (ClickHouse reads them without a join).
  const viewColumns = {
    page: url,
    release: release ?? null,
    device_class: context.deviceClass ?? null,
    connection: context.connection ?? null,
    browser: context.browser ?? null,
  };
  const rows: BeaconRows = {
    key: { site, batchId, viewStartedAt: startedAt },
    batch: {
      site,
      day: dayOf(receivedAt),
      received_at: receivedAt,
      batch_id: batchId,
      view_id: viewId,
      dropped: beacon.dropped ?? 0,
      clock_correction: clockCorrection,
      state: 1,
    },
    view: {
      site,
      day: dayOf(startedAt),
      started_at: startedAt,
      view_id: viewId,
      batch_id: batchId,
      session,
      env: env ?? null,
      sdk,
      context: jsonOrNull(context),
      tags: tagValues(context.tags),
      weight,
      events: 0,
      profiles: 0,
      ...viewColumns,
    },
    events: [],
    scripts: [],
    profiles: [],
    samples: [],
    functions: [],
  };
  eachStoredEvent(beacon, {
    event(row, at, rating, scripts, source) {
      const common = { site, day: dayOf(at), at, batch_id: batchId, view_id: viewId, ...viewColumns };
      // Events of one view and start in the order they arrived: by receipt, then within the beacon (at most 500).
      const arrival = receivedAt * 1000 + rows.events.length;
      rows.events.push({ ...common, ...row, rating, arrival, weight, ...toDetailColumns(source) });
      for (const { url: scriptUrl, fn, invoker, invokerType, duration } of scripts) {
        rows.scripts.push({ ...common, route: row.route, url: scriptUrl, fn, invoker, invoker_type: invokerType, duration });
      }
    },
    profile: (event, estimated) => rows.profiles.push({ view: beacon.view, event, estimated }),
  });
  rows.view.events = rows.events.length;
  return rows;
}
