import type { AcceptedBeacon, FrameScript, PerfEvent, ProfileEvent, ProfileEventV1 } from '../../protocol/beacon.js';
import { estimateFromCounts } from './estimateFromCounts.js';
import { toEventRow, type EventRow } from './toEventRow.js';

export interface StoredEventVisitor {
  /**
   * Every event but a profile window: its row, its epoch-ms time, a vital's rating, a long frame's
   * scripts, and the event as sent (for an adapter that keeps more of its fields in columns).
   */
  event(row: EventRow, at: number, rating: string | null, scripts: readonly FrameScript[], source: PerfEvent): void;
  /**
   * Profile windows go to tables of their own: a window is hundreds of rows of stacks, not one JSON
   * blob. A protocol 1 window comes with times estimated from its counts (`estimated`).
   */
  profile(event: ProfileEvent, estimated: boolean): void;
}

const NO_SCRIPTS: readonly FrameScript[] = [];

/** A beacon's events as every adapter splits them into rows. */
export function eachStoredEvent(beacon: AcceptedBeacon, visit: StoredEventVisitor): void {
  for (const event of beacon.events) {
    if (event.type === 'profile') {
      if (beacon.v === 1) visit.profile(estimateFromCounts(event as ProfileEventV1), true);
      else visit.profile(event as ProfileEvent, false);
      continue;
    }
    const row = toEventRow(event);
    visit.event(
      row,
      Math.round(beacon.view.startedAt + row.start),
      event.type === 'vital' ? event.rating : null,
      event.type === 'loaf' ? event.scripts : NO_SCRIPTS,
      event,
    );
  }
}
