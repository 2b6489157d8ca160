import type { MarkEvent, MeasureEvent } from '../../protocol/beacon.js';
import { MAX_NAME } from '../../protocol/limits.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';

/** App marks and measures reported per page view at most. */
const MAX_ENTRIES = 200;

type TimingEvent = MarkEvent | MeasureEvent;
const keyOf = (type: string, name: string, start: number) => `${type}|${name}|${start}`;

/**
 * Opt-in (`data-user-timing`): the app's own `performance.mark()` / `performance.measure()`
 * entries, including those made before pageprof loaded. Names and times only: an app's `detail`
 * was never meant for a beacon. `own(event)` notes what `perf.mark()` / `perf.measure()` already
 * recorded, so their browser entries are not reported twice.
 */
export function trackUserTiming(record: (event: TimingEvent) => void) {
  const ours = new Set<string>();
  let reported = 0;
  const handle = (entries: PerformanceEntry[]) => {
    for (const entry of entries) {
      const start = round(entry.startTime);
      if (ours.delete(keyOf(entry.entryType, entry.name, start)) || reported >= MAX_ENTRIES) continue;
      reported++;
      const name = entry.name.slice(0, MAX_NAME);
      record(entry.entryType === 'mark' ? { type: 'mark', name, start } : { type: 'measure', name, start, duration: round(entry.duration) });
    }
  };
  const observers = [observe('mark', handle), observe('measure', handle)];
  return {
    own: (event: TimingEvent) => void ours.add(keyOf(event.type, event.name, event.start)),
    flush: () => observers.forEach((observer) => observer && handle(observer.takeRecords())),
  };
}
