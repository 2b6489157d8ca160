import type { ResourcesEvent } from '../../protocol/beacon.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';
import { stripUrl } from '../stripUrl.js';
import { MAX_RESOURCE_SERVER_TIMINGS } from '../../protocol/limits.js';
import { toServerTiming } from './toServerTiming.js';

type Stat = ResourcesEvent['byType'][string];

/** Slowest resources, origins and render-blocking URLs kept per summary. */
const SLOWEST = 10;
const ORIGINS = 31;
const BLOCKING = 32;

/**
 * Resource timing, summarised on the page as entries arrive (a few additions each): per initiator
 * type and per origin (third-party share) the count, transfer and decoded bytes, cache hits and
 * total duration; the render-blocking resources; the slowest ones. `flush()` reports what arrived
 * since the previous flush, so summaries add up and each belongs to one route.
 */
export function trackResources(record: (event: ResourcesEvent) => void) {
  let summary: ResourcesEvent | undefined;

  const handle = (entries: PerformanceResourceTiming[]) => {
    for (const entry of entries) {
      const url = stripUrl(entry.name);
      summary ??= { type: 'resources', name: 'resources', start: round(entry.startTime), byType: {}, byOrigin: {}, renderBlocking: [], slowest: [] };
      const origin = /^\w+:\/\/[^/]+/.exec(url)?.[0] ?? 'other';
      const { byOrigin } = summary;
      add(summary.byType, entry.initiatorType.slice(0, 32) || 'other', entry);
      add(byOrigin, origin in byOrigin || Object.keys(byOrigin).length < ORIGINS ? origin : 'other', entry);
      if ((entry as { renderBlockingStatus?: string }).renderBlockingStatus === 'blocking' && summary.renderBlocking.length < BLOCKING) {
        summary.renderBlocking.push(url);
      }
      // The browser exposes a cross-origin resource's Server-Timing only with Timing-Allow-Origin;
      // the page's own backend (its API calls) is the one whose time is the site's to explain.
      const serverTiming = origin === location.origin ? toServerTiming(entry.serverTiming, MAX_RESOURCE_SERVER_TIMINGS) : undefined;
      summary.slowest.push({
        url,
        initiator: entry.initiatorType.slice(0, 32),
        start: round(entry.startTime),
        duration: round(entry.duration),
        transfer: entry.transferSize,
        ...(serverTiming ? { serverTiming } : {}),
      });
      summary.slowest = summary.slowest.sort((a, b) => b.duration - a.duration).slice(0, SLOWEST);
    }
  };
  const observer = observe('resource', handle);

  return {
    flush() {
      if (observer) handle(observer.takeRecords() as PerformanceResourceTiming[]);
      if (summary) record(summary);
      summary = undefined;
    },
  };
}

function add(stats: Record<string, Stat>, key: string, entry: PerformanceResourceTiming): void {
  const stat = (stats[key] ??= { count: 0, transfer: 0, decoded: 0, cached: 0, duration: 0 });
  stat.count++;
  stat.transfer += entry.transferSize;
  stat.decoded += entry.decodedBodySize;
  // Served from the HTTP cache: bytes decoded, none transferred. (Cross-origin entries without
  // Timing-Allow-Origin report 0 for both and are not counted as hits.)
  if (entry.transferSize === 0 && entry.decodedBodySize > 0) stat.cached++;
  stat.duration = round(stat.duration + entry.duration);
}
