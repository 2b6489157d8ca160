import type { PerfEvent } from '../../protocol/beacon.js';
import { monitor } from '../monitor.js';
import { trackInteractions } from './trackInteractions.js';
import { trackLongAnimationFrames } from './trackLongAnimationFrames.js';
import { trackLongTasks } from './trackLongTasks.js';
import { trackMemory } from './trackMemory.js';
import { trackNavigation } from './trackNavigation.js';
import { trackResources } from './trackResources.js';
import { trackWebVitals } from './trackWebVitals.js';

/**
 * Starts every page metric. Each tracker starts and flushes on its own guard, so one whose browser
 * API throws costs only its own data. `flush()` reports what is still pending (page exit, before
 * the batch is cut); `newRoute()` closes the current route's interactions and INP.
 */
export function startMetrics(record: (event: PerfEvent) => void) {
  const frames = monitor(trackLongAnimationFrames)(record);
  const interactions = monitor(trackInteractions)(record, frames?.scriptsBetween ?? (() => []));
  monitor(trackNavigation)(record);
  monitor(trackWebVitals)(record);
  // Frames first: interactions are attributed to the frames' scripts.
  const flushes = [frames, monitor(trackLongTasks)(record), interactions, monitor(trackResources)(record), monitor(trackMemory)(record)].map(
    (tracker) => monitor(() => tracker?.flush()),
  );
  const flush = () => flushes.forEach((each) => each());
  return {
    flush,
    newRoute: monitor(() => {
      flush();
      interactions?.reset();
    }),
  };
}
