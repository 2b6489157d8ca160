import type { Beacon, PerfEvent, ViewContext } from '../protocol/beacon.js';
import { MAX_EVENTS_PER_BEACON, PROTOCOL_VERSION } from '../protocol/limits.js';
import { randomId } from './randomId.js';
import { whenIdle } from './whenIdle.js';

/** How long events wait on the page before they are cut into a batch, at most. */
export const BATCH_WAIT_MS = 5000;

/**
 * Collects the events of one page view and cuts them into beacons: when enough have gathered,
 * at idle time once the oldest has waited `BATCH_WAIT_MS`, or at once on `cut()` (page exit,
 * `perf.flush()`). Each beacon gets its id here, and keeps it through every retry.
 */
export function createBatcher(
  target: Pick<Beacon, 'site' | 'key'>,
  view: ViewContext,
  deliver: (batch: Beacon) => void,
) {
  let events: PerfEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** A new batch of this view, with its id, holding `batchEvents`. */
  const batchOf = (batchEvents: PerfEvent[]): Beacon => ({ v: PROTOCOL_VERSION, id: randomId(), ...target, sentAt: Date.now(), view, events: batchEvents });

  function cut(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (events.length === 0) return;
    const batch = batchOf(events);
    events = [];
    deliver(batch);
  }

  function add(event: PerfEvent): void {
    events.push(event);
    if (events.length >= MAX_EVENTS_PER_BEACON) {
      cut();
    } else if (timer === undefined) {
      timer = setTimeout(() => whenIdle(cut, 1000), BATCH_WAIT_MS);
    }
  }

  return { add, cut, batchOf };
}
