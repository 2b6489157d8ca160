import { onCLS } from 'web-vitals/attribution/onCLS.js';
import { onFCP } from 'web-vitals/attribution/onFCP.js';
import { onLCP } from 'web-vitals/attribution/onLCP.js';
import { onTTFB } from 'web-vitals/attribution/onTTFB.js';
import type { MetricWithAttribution } from 'web-vitals';
import type { VitalEvent } from '../../protocol/beacon.js';
import { MAX_STRING } from '../../protocol/limits.js';
import { monitor } from '../monitor.js';
import { scrubSelector } from '../scrubSelector.js';
import { round } from '../../protocol/round.js';
import { stripUrl } from '../stripUrl.js';

/**
 * LCP, CLS, FCP and TTFB from web-vitals' attribution build, each with its attribution reduced to
 * strings and numbers (the entries it holds stay on the page). web-vitals reports LCP and CLS
 * when the page is hidden, in its own `visibilitychange` listener on `window`, which runs before
 * pageprof's page-exit handler on `document`: the final values make the exit beacon.
 * In single-page apps LCP and CLS are also reported per soft navigation (Chromium recognises a
 * route change caused by a click that paints), each on the route that navigation led to.
 * INP comes from `trackInteractions`, which can report it at page exit without waiting for idle time.
 */
export function trackWebVitals(record: (event: VitalEvent) => void, routeOfSoftNavigation: (start: number) => string): void {
  const report = monitor((metric: MetricWithAttribution) => {
    // Soft navigations (single-page-app route changes the browser recognised) get LCP and CLS of
    // their own, timed from the navigation's start.
    const origin = metric.navigationStartTime ?? 0;
    const soft = metric.navigationType === 'soft-navigation';
    // CLS is unitless and small: rounding it like milliseconds would lose it.
    const precise = metric.name === 'CLS';
    const attribution: VitalEvent['attribution'] = {};
    for (const [key, value] of Object.entries(metric.attribution)) {
      // A NaN would reach the collector as null and cost the whole batch its schema check.
      if (typeof value === 'number' && Number.isFinite(value)) attribution[key] = precise ? roundTo4(value) : round(value);
      // `target`, `largestShiftTarget`: selectors.
      else if (typeof value === 'string') attribution[key] = key === 'url' ? stripUrl(value) : scrubSelector(value).slice(0, MAX_STRING);
    }
    if (soft) attribution.navigationType = metric.navigationType;
    const start = metric.name === 'CLS' ? (metric.attribution.largestShiftTime ?? origin) : metric.name === 'TTFB' ? origin : origin + metric.value;
    record({
      type: 'vital',
      name: metric.name,
      start: round(start),
      ...(soft ? { route: routeOfSoftNavigation(origin) } : {}),
      value: precise ? roundTo4(metric.value) : round(metric.value),
      rating: metric.rating,
      attribution,
    });
  });
  onLCP(report, { reportSoftNavs: true });
  onCLS(report, { reportSoftNavs: true });
  onFCP(report);
  onTTFB(report);
}

function roundTo4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
