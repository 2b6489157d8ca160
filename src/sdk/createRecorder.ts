import type { PerfEvent } from '../protocol/beacon.js';
import { monitor } from './monitor.js';

/**
 * The `beforeSend` hook of `init()`: sees every event before it is batched and returns it
 * (possibly rewritten), or nothing to drop it.
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a beforeSend that returns nothing keeps the event as it is
export type BeforeSend = (event: PerfEvent) => PerfEvent | null | undefined | false | void;

/**
 * The one path from the metric trackers and `perf.*` to the batcher: every event is attributed to
 * the route active at its start, then passed through `beforeSend`. A hook that throws, or returns
 * something that is no longer an event of the same type, drops the event: a hook written to scrub
 * data must not let it through when it fails, and a malformed event would cost its whole batch at
 * the collector.
 */
export function createRecorder(add: (event: PerfEvent) => void, routeAt: (time: number) => string, beforeSend?: BeforeSend) {
  const hook = beforeSend && monitor(beforeSend);
  return (event: PerfEvent): void => {
    const routed = { ...event, route: event.route ?? routeAt(event.start) } as PerfEvent;
    const kept = hook ? hook(routed) : routed;
    if (kept && kept.type === event.type && typeof kept.name === 'string' && Number.isFinite(kept.start)) add(kept);
  };
}
