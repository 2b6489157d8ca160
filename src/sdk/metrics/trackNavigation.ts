import type { NavigationEvent } from '../../protocol/beacon.js';
import { monitor } from '../monitor.js';
import { observe } from '../observe.js';
import { round } from '../../protocol/round.js';
import { toServerTiming } from './toServerTiming.js';

/**
 * The document's navigation timing, in phases, once it is complete, and a `back-forward-cache` navigation on each bfcache restore.
 * `name` is the navigation type: navigate, reload, back-forward, prerender.
 */
export function trackNavigation(record: (event: NavigationEvent) => void): void {
  // Chromium delivers the entry to observers early, before `loadEventEnd` is known: observe it
  // (buffered) only in a task after the load event.
  const report = monitor(() =>
    observe<PerformanceNavigationTiming>('navigation', (entries) => {
      for (const entry of entries) record(toNavigationEvent(entry));
    }),
  );
  if (document.readyState === 'complete') setTimeout(report);
  else addEventListener('load', () => setTimeout(report), { once: true });
  addEventListener(
    'pageshow',
    monitor((event: PageTransitionEvent) => {
      if (event.persisted) record({ type: 'navigation', name: 'back-forward-cache', start: round(event.timeStamp), duration: 0, phases: {} });
    }),
  );
}

function toNavigationEvent(entry: PerformanceNavigationTiming): NavigationEvent {
  const span = (from: number, to: number) => (from > 0 && to > from ? round(to - from) : 0);
  return {
    type: 'navigation',
    name: (entry.activationStart ?? 0) > 0 ? 'prerender' : entry.type.replace('_', '-'),
    start: round(entry.startTime),
    duration: round(entry.duration),
    phases: {
      redirect: span(entry.redirectStart, entry.redirectEnd),
      // Service worker and HTTP cache lookup, before any DNS.
      cache: span(entry.fetchStart, entry.domainLookupStart),
      dns: span(entry.domainLookupStart, entry.domainLookupEnd),
      connect: span(entry.connectStart, entry.connectEnd),
      tls: span(entry.secureConnectionStart, entry.connectEnd),
      request: span(entry.requestStart, entry.responseStart),
      response: span(entry.responseStart, entry.responseEnd),
      dom: span(entry.responseEnd, entry.domInteractive),
      domContentLoaded: span(entry.domContentLoadedEventStart, entry.domContentLoadedEventEnd),
      subresources: span(entry.domInteractive, entry.domComplete),
      load: span(entry.loadEventStart, entry.loadEventEnd),
    },
    transferSize: entry.transferSize,
    serverTiming: toServerTiming(entry.serverTiming),
  };
}
