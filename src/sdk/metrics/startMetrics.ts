import type { MarkEvent, MeasureEvent, PerfEvent } from '../../protocol/beacon.js';
import { monitor } from '../monitor.js';
import { trackInteractions } from './trackInteractions.js';
import { trackLongAnimationFrames } from './trackLongAnimationFrames.js';
import { trackLongTasks } from './trackLongTasks.js';
import { trackMemory } from './trackMemory.js';
import { trackNavigation } from './trackNavigation.js';
import { trackResources } from './trackResources.js';
import { trackUserTiming } from './trackUserTiming.js';
import { trackWebVitals } from './trackWebVitals.js';

/**
 * Starts every page metric. Each tracker starts and flushes on its own guard, so one whose browser
 * API throws costs only its own data. `flush()` reports what is still pending (page exit, before
 * the batch is cut); `newRoute()` closes the current route's interactions and INP, as a bfcache
 * restore does.
 * `recordUserTiming` records `perf.mark()` / `perf.measure()`, which the opt-in tracker of the
 * app's own marks and measures (`userTiming`) then does not report a second time.
 */
export function startMetrics(record: (event: PerfEvent) => void, routeOfSoftNavigation: (start: number) => string, userTiming = false) {
  const frames = monitor(trackLongAnimationFrames)(record);
  const interactions = monitor(trackInteractions)(record, frames?.scriptsBetween ?? (() => []));
  monitor(trackNavigation)(record);
  monitor(trackWebVitals)(record, routeOfSoftNavigation);
  const appTiming = userTiming ? monitor(trackUserTiming)(record) : undefined;
  // Frames first: interactions are attributed to the frames' scripts.
  const flushes = [frames, monitor(trackLongTasks)(record), interactions, monitor(trackResources)(record), monitor(trackMemory)(record), appTiming].map(
    (tracker) => monitor(() => tracker?.flush()),
  );
  const flush = () => flushes.forEach((each) => each());
  // A bfcache restore is a new page view: its INP counts only its own interactions (those before
  // were reported when the page was hidden).
  addEventListener(
    'pageshow',
    monitor((event: PageTransitionEvent) => event.persisted && interactions?.reset()),
  );
  return {
    flush,
    recordUserTiming(event: MarkEvent | MeasureEvent): void {
      appTiming?.own(event);
      record(event);
    },
    newRoute: monitor(() => {
      flush();
      interactions?.reset();
    }),
  };
}
