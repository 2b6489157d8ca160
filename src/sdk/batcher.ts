import type { Beacon, PerfEvent, ViewContext } from '../protocol/beacon.js';
import { epochNow } from '../protocol/epochNow.js';
import { MAX_EVENTS_PER_BEACON, PROTOCOL_VERSION } from '../protocol/limits.js';
import { randomId } from './randomId.js';
import { whenIdle } from './whenIdle.js';

/** How long events wait on the page before they are cut into a batch, at most. */
export const BATCH_WAIT_MS = 5000;
/**
 * JSON characters per batch before it is cut. Any batch must fit the 64 KiB keepalive budget
 * at page exit; characters outside ASCII take up to 3 bytes, hence a quarter of it.
 */
export const BATCH_MAX_CHARS = 16 * 1024;

/** Why a batch was cut: it grew full, its oldest event waited long enough, the page is leaving, or `perf.flush()`. */
export type FlushReason = 'size' | 'age' | 'exit' | 'flush';

/**
 * Collects the events of one page view and cuts them into beacons: when enough have gathered
 * (count or size), at idle time once the oldest has waited `BATCH_WAIT_MS`, at once while the
 * page is hidden, or on `cut()`. Each beacon gets its id here, and keeps it through every retry.
 * `describeView` completes the view's context (deferred from page load) before any batch is made.
 */
export function createBatcher(
  target: Pick<Beacon, 'site' | 'key'>,
  view: ViewContext,
  deliver: (batch: Beacon, reason: FlushReason) => void,
  describeView: () => void = () => undefined,
) {
  let events: PerfEvent[] = [];
  let chars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  /** A new batch of this view, with its id, holding `batchEvents`. */
  const batchOf = (batchEvents: PerfEvent[]): Beacon => {
    describeView();
    return { v: PROTOCOL_VERSION, id: randomId(), ...target, sentAt: epochNow(), view, events: batchEvents };
  };

  function cut(reason: FlushReason = 'flush'): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (events.length === 0) return;
    const batch = batchOf(events);
    events = [];
    chars = 0;
    deliver(batch, reason);
  }

  function add(event: PerfEvent): void {
    events.push(event);
    chars += JSON.stringify(event).length;
    if (events.length >= MAX_EVENTS_PER_BEACON || chars >= BATCH_MAX_CHARS) {
      cut('size');
    } else if (document.visibilityState === 'hidden') {
      // The page may be leaving: what arrives now (web-vitals reports INP and CLS from its own
      // `visibilitychange` listener, perhaps after ours) leaves with it, after the current listener.
      queueMicrotask(() => cut('exit'));
    } else if (timer === undefined) {
      timer = setTimeout(() => whenIdle(() => cut('age'), 1000), BATCH_WAIT_MS);
    }
  }

  /** A bfcache restore starts a new page view: later events belong to `next`. */
  function restart(next: ViewContext): void {
    cut('exit');
    view = next;
  }

  return { add, cut, restart, batchOf };
}
