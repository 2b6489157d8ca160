import type { PerfEvent } from '../protocol/beacon.js';
import { MAX_EVENTS_PER_BEACON } from '../protocol/limits.js';

/**
 * `data-consent="pending"`: until the page calls `perf.consent(true)`, events wait here, in memory
 * only, and nothing that stores or sends (the worker, its IndexedDB outbox, the session in
 * sessionStorage, the stash in localStorage) may start: `whenGranted` holds it back. Refusal drops
 * what waits and everything after. Without `pending` consent is taken as given, and a later
 * `consent(false)` stops recording from then on.
 */
export function createConsentGate(pending: boolean, add: (event: PerfEvent) => void) {
  let state: 'pending' | 'granted' | 'refused' = pending ? 'pending' : 'granted';
  let held: PerfEvent[] = [];
  let onGranted: (() => void)[] = [];
  return {
    add(event: PerfEvent): void {
      if (state === 'granted') add(event);
      else if (state === 'pending' && held.length < MAX_EVENTS_PER_BEACON) held.push(event);
    },
    granted: () => state === 'granted',
    /** Runs `task` once consent is given: at once when it is. */
    whenGranted(task: () => void): void {
      if (state === 'granted') task();
      else onGranted.push(task);
    },
    decide(granted: boolean): void {
      if (state === 'refused' || (state === 'granted' && granted)) return;
      state = granted ? 'granted' : 'refused';
      const [tasks, events] = [onGranted, held];
      onGranted = [];
      held = [];
      if (!granted) return;
      tasks.forEach((task) => task());
      events.forEach(add);
    },
  };
}
