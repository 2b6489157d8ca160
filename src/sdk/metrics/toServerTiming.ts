import type { ServerTiming } from '../../protocol/beacon.js';
import { MAX_SERVER_TIMING_TEXT, MAX_SERVER_TIMINGS } from '../../protocol/limits.js';
import { PROFILING_ANNOUNCEMENT } from '../../protocol/profilingAnnouncement.js';
import { round } from '../../protocol/round.js';

/**
 * A response's `Server-Timing` entries (`db;dur=53`, `traceparent;desc="00-…"`), cut to the
 * protocol's bounds so that no backend's header can get a beacon refused. Read from the timing
 * entry the browser already has: no request of the page's is touched (no `fetch` patching).
 * pageprof/server's own announcement is not the backend's time and is left out.
 */
export function toServerTiming(entries: readonly PerformanceServerTiming[] | undefined, max = MAX_SERVER_TIMINGS): ServerTiming[] | undefined {
  const cut = (text: string) => text.slice(0, MAX_SERVER_TIMING_TEXT);
  const timings = (entries ?? [])
    .filter((entry) => entry.name !== PROFILING_ANNOUNCEMENT)
    .slice(0, max)
    .map(({ name, duration, description }) => ({
      name: cut(name),
      duration: round(Math.min(86_400_000, Math.max(0, duration || 0))),
      ...(description ? { desc: cut(description) } : {}),
    }));
  return timings.length > 0 ? timings : undefined;
}
