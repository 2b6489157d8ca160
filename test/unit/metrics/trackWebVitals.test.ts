import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PerfEvent, VitalEvent } from '../../../src/protocol/beacon.js';
import { startMetrics } from '../../../src/sdk/metrics/startMetrics.js';
import { trackWebVitals } from '../../../src/sdk/metrics/trackWebVitals.js';
import { longTask } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

// web-vitals stands in here as its reporters: each test decides what it reports, or that it throws.
const vitals = vi.hoisted(() => {
  const reporters: Record<string, (metric: object) => void> = {};
  const failing = new Set<string>();
  const on = (name: string) => (report: (metric: object) => void) => {
    if (failing.has(name)) throw new Error(`on${name} broke`);
    reporters[name] = report;
  };
  return { reporters, failing, on };
});
vi.mock('web-vitals/attribution/onLCP.js', () => ({ onLCP: vitals.on('LCP') }));
vi.mock('web-vitals/attribution/onCLS.js', () => ({ onCLS: vitals.on('CLS') }));
vi.mock('web-vitals/attribution/onFCP.js', () => ({ onFCP: vitals.on('FCP') }));
vi.mock('web-vitals/attribution/onTTFB.js', () => ({ onTTFB: vitals.on('TTFB') }));
const { reporters, failing } = vitals;

afterEach(() => {
  failing.clear();
  vi.unstubAllGlobals();
});

describe('trackWebVitals', () => {
  it('reduces attribution to finite numbers and strings, strips URLs, keeps CLS precise and dates each vital', () => {
    const events: VitalEvent[] = [];
    trackWebVitals(
      (recorded) => events.push(recorded),
      () => '/soft',
    );
    reporters.LCP?.({
      name: 'LCP',
      value: 1234.56,
      rating: 'needs-improvement',
      navigationType: 'navigate',
      navigationStartTime: 0,
      attribution: { target: '#hero', url: 'https://cdn.example/hero.jpg?token=secret', elementRenderDelay: 10.04, lcpEntry: {}, broken: Number.NaN },
    });
    reporters.CLS?.({
      name: 'CLS',
      value: 0.123456,
      rating: 'needs-improvement',
      navigationType: 'soft-navigation',
      navigationStartTime: 900,
      attribution: { largestShiftTarget: '#content', largestShiftTime: 950.25, largestShiftValue: 0.1 },
    });
    reporters.TTFB?.({ name: 'TTFB', value: 80, rating: 'good', attribution: { waitingDuration: 1 } });
    expect(events).toEqual([
      {
        type: 'vital',
        name: 'LCP',
        start: 1234.6,
        value: 1234.6,
        rating: 'needs-improvement',
        attribution: { target: '#hero', url: 'https://cdn.example/hero.jpg', elementRenderDelay: 10 },
      },
      {
        type: 'vital',
        name: 'CLS',
        start: 950.3,
        value: 0.1235,
        rating: 'needs-improvement',
        route: '/soft',
        attribution: { largestShiftTarget: '#content', largestShiftTime: 950.25, largestShiftValue: 0.1, navigationType: 'soft-navigation' },
      },
      { type: 'vital', name: 'TTFB', start: 0, value: 80, rating: 'good', attribution: { waitingDuration: 1 } },
    ]);
  });

  it('web-vitals throwing costs the vitals only: everything else is still sent', () => {
    failing.add('LCP');
    const fake = fakePerformanceObserver(['longtask']);
    const events: PerfEvent[] = [];
    const metrics = startMetrics(
      (recorded) => events.push(recorded),
      () => '/',
    );
    fake.emit('longtask', [longTask()]);
    metrics.flush();
    expect(events.map((recorded) => recorded.type)).toEqual(['longtask']);
  });
});
