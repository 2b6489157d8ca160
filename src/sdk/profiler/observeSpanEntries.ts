import type { ProfileSpanEntry } from '../../protocol/workerApi.js';
import { monitor } from '../monitor.js';

const TYPES = ['event', 'long-animation-frame', 'longtask', 'measure'];
/** A page with thousands of measures must not grow this without end between two windows. */
const MAX_ENTRIES = 500;
/** What a long task is; shorter interactions are kept for attribution but are not slow work. */
const SLOW_MS = 50;

/**
 * Copies the entries a profile is attributed to into `entries`, as they come, and calls `onSlow`
 * after slow work (interactions, long frames, long tasks of 50 ms or more). Interactions as short
 * as 16 ms (the least Event Timing allows) are kept: which one INP picks is known only later.
 * Entry types the browser lacks are skipped.
 */
export function observeSpanEntries(entries: ProfileSpanEntry[], onSlow: () => void): void {
  const supported = typeof PerformanceObserver === 'function' ? (PerformanceObserver.supportedEntryTypes ?? []) : [];
  for (const type of TYPES) {
    if (!supported.includes(type)) continue;
    new PerformanceObserver(
      monitor((list: PerformanceObserverEntryList) => {
        let slow = false;
        for (const entry of list.getEntries()) {
          slow ||= type !== 'measure' && entry.duration >= SLOW_MS;
          if (entries.length >= MAX_ENTRIES) continue;
          const id = (entry as PerformanceEntry & { interactionId?: number }).interactionId ?? 0;
          entries.push({ type, name: entry.name, start: entry.startTime, duration: entry.duration, id });
        }
        if (slow) onSlow();
      }),
    ).observe({ type, ...(type === 'event' ? { durationThreshold: 16 } : {}) });
  }
}
