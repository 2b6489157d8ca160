import { PROFILING_ANNOUNCEMENT } from '../../protocol/profilingAnnouncement.js';

/**
 * Whether this document can be profiled at all: the browser has the JS Self-Profiling API, and
 * pageprof/server did not say (in the navigation's Server-Timing) that it left the document without
 * `Document-Policy: js-profiling`. Where nothing says so (the header set by other means) the
 * `Profiler` constructor is tried, and refuses with a console error where the header is missing.
 */
export function mayProfile(): boolean {
  if (typeof (globalThis as { Profiler?: unknown }).Profiler !== 'function') return false;
  const navigation = performance.getEntriesByType?.('navigation')[0] as PerformanceNavigationTiming | undefined;
  return navigation?.serverTiming?.find((entry) => entry.name === PROFILING_ANNOUNCEMENT)?.description !== 'off';
}
