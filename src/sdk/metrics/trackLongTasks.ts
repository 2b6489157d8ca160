import type { LongTaskEvent } from '../../protocol/beacon.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';

/** Long tasks reported per page view at most. */
const MAX_TASKS = 100;

interface LongTask extends PerformanceEntry {
  attribution?: { containerType?: string }[];
}

/**
 * Long tasks (≥ 50 ms): one `longtask` event each, so count, total blocking time (the sum of
 * `duration - 50`) and the distribution are computed where they are read. Chromium's attribution
 * is coarse: `name` is the culprit frame (`self`, `same-origin-descendant`, …), plus its container.
 */
export function trackLongTasks(record: (event: LongTaskEvent) => void) {
  let reported = 0;
  const handle = (entries: LongTask[]) => {
    for (const task of entries) {
      if (reported++ >= MAX_TASKS) return;
      const container = task.attribution?.[0]?.containerType;
      record({
        type: 'longtask',
        name: task.name.slice(0, 64),
        start: round(task.startTime),
        duration: round(task.duration),
        ...(container ? { container: container.slice(0, 64) } : {}),
      });
    }
  };
  const observer = observe('longtask', handle);
  return { flush: () => observer && handle(observer.takeRecords()) };
}
