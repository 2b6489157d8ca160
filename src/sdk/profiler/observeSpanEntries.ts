import type { ProfileSpanEntry } from '../../protocol/workerApi.js';
import { observe } from '../observe.js';

const TYPES = ['event', 'long-animation-frame', 'longtask', 'measure'];
/** A page with thousands of measures must not grow this without end between two windows. */
const MAX_ENTRIES = 500;
/** What a long task is; shorter interactions are kept for attribution but are not slow work. */
const SLOW_MS = 50;

/**
 * Copies the entries a profile is attributed to into `entries`, as they come, and calls `onSlow`
 * after slow work (interactions, long frames, long tasks of 50 ms or more). Interactions as short
 * as 16 ms (the least Event Timing allows) are kept: which one INP picks is known only later.
 * Entry types the browser lacks are not observed (`observe` decides).
 */
export function observeSpanEntries(entries: ProfileSpanEntry[], onSlow: () => void): void {
  for (const type of TYPES) {
    observe<PerformanceEntry & { interactionId?: number }>(
      type,
      (list) => {
        let slow = false;
        for (const entry of list) {
          slow ||= type !== 'measure' && entry.duration >= SLOW_MS;
          if (entries.length >= MAX_ENTRIES) continue;
          entries.push({ type, name: entry.name, start: entry.startTime, duration: entry.duration, id: entry.interactionId ?? 0 });
        }
        if (slow) onSlow();
      },
      type === 'event' ? { durationThreshold: 16 } : {},
    );
  }
}
