import { monitor } from './monitor.js';

/**
 * The one feature-detection point for performance entries: observes `type` (buffered, so entries
 * from before pageprof loaded count too) and returns the observer, or `undefined` when the browser
 * does not support the type or refuses to observe it. Callers never check support themselves; a
 * missing API simply means "not collected".
 */
export function observe<T extends PerformanceEntry>(
  type: string,
  callback: (entries: T[]) => void,
  options: { durationThreshold?: number } = {},
): PerformanceObserver | undefined {
  try {
    if (!PerformanceObserver.supportedEntryTypes.includes(type)) return undefined;
    const observer = new PerformanceObserver(monitor((list: PerformanceObserverEntryList) => callback(list.getEntries() as T[])));
    observer.observe({ type, buffered: true, ...options });
    return observer;
  } catch {
    return undefined;
  }
}
