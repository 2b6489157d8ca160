import { describe, expect, it } from 'vitest';
import type { ViewEvent } from '../../../src/protocol/queryApi.js';
import { measureBins, vitalBins } from '../../../src/dashboard/charts/binWidths.js';
import { timeAxis } from '../../../src/dashboard/charts/timeAxis.js';
import { packRows } from '../../../src/dashboard/timeline/packRows.js';
import { renderTimeline } from '../../../src/dashboard/timeline/renderTimeline.js';
import { toTimeline } from '../../../src/dashboard/timeline/toTimeline.js';

const event = (
  type: string,
  name: string,
  start: number,
  duration: number | null,
  fields: Record<string, unknown> = {},
  value: number | null = null,
): ViewEvent => ({ type, name, start, duration, value, route: null, fields });

const EVENTS = [
  event('navigation', 'navigate', 0, 900, { phases: { dns: 10, connect: 20, tls: 15, request: 100, response: 40 } }),
  event('vital', 'LCP', 0, null, { rating: 'good', attribution: { target: 'img#hero' } }, 1200),
  event('resources', 'resources', 0, null, {
    renderBlocking: ['https://shop.example/style.css'],
    slowest: [{ url: 'https://shop.example/style.css', initiator: 'link', start: 200, duration: 300, transfer: 2048 }],
  }),
  event('loaf', 'loaf', 1490, 320, {
    blocking: 270,
    renderStart: 1800,
    scripts: [
      {
        fn: 'recalculatePrices',
        invoker: 'BUTTON#slow-button.onclick',
        invokerType: 'event-listener',
        url: 'https://shop.example/vitals.js',
        start: 1500,
        duration: 300,
        forcedLayout: 0,
      },
    ],
  }),
  event('interaction', 'click', 1500, 330, { interactionId: 42, target: '<img src=x onerror=alert(1)>', inputDelay: 10, processing: 300, presentation: 20 }),
  event('measure', 'load products', 100, 120),
  event('route', '/cart', 2500, null),
];

describe('a page view on a timeline', () => {
  it('puts every kind of event in its lane: phases in order, vitals at their time, the long frame with its scripts, the interaction with its phases and profile', () => {
    const lanes = toTimeline(EVENTS, [
      { kind: 'window', name: '', start: 1000, id: null, ms: 400 },
      { kind: 'interaction', name: 'click', start: 1500, id: 42, ms: 280 },
    ]);
    expect(lanes.map((lane) => lane.name)).toEqual([
      'Navigation',
      'Vitals',
      'Resources',
      'Long animation frames',
      'Frame scripts',
      'Interactions',
      'Measures and marks',
      'Profiles',
      'Routes',
    ]);
    const lane = (name: string) => lanes.find((candidate) => candidate.name === name)?.items ?? [];
    expect(lane('Navigation').map((item) => [item.label, item.start, item.duration])).toEqual([
      ['dns', 0, 10],
      ['connect', 10, 20],
      ['request', 30, 100],
      ['response', 130, 40],
    ]);
    expect(lane('Vitals')[0]).toMatchObject({ label: 'LCP 1.20 s', start: 1200, duration: 0, kind: 'vital good' });
    expect(lane('Resources')[0]).toMatchObject({ kind: 'resource blocking', label: '/style.css', start: 200, duration: 300 });
    expect(lane('Frame scripts')[0]).toMatchObject({ label: 'recalculatePrices', start: 1500, duration: 300 });
    expect(lane('Interactions')[0]?.segments?.map((segment) => [segment.kind, segment.start, segment.duration])).toEqual([
      ['input-delay', 1500, 10],
      ['processing', 1510, 300],
      ['presentation', 1810, 20],
    ]);
    expect(lane('Interactions')[0]?.interaction).toEqual({ id: 42, name: 'click', profiledMs: 280 });
    // The window runs to the last event (the route change at 2.5 s): its own end is not stored.
    expect(lane('Profiles')[0]).toMatchObject({ start: 1000, duration: 1500 });
  });

  it("shows the backend's Server-Timing under the request phase, and links its traceparent to the site's trace URL", () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const serverTiming = [
      { name: 'db', duration: 53, desc: 'orders' },
      { name: 'app', duration: 47 },
      { name: 'traceparent', duration: 0, desc: `00-${traceId}-b7ad6b7169203331-01` },
    ];
    const [navigation] = toTimeline([event('navigation', 'navigate', 0, 900, { phases: { dns: 10, request: 100 }, serverTiming })], []);
    const server = navigation?.items.find((item) => item.kind === 'server');
    expect(server).toMatchObject({
      start: 10,
      duration: 100,
      traceId,
      details: ['the backend’s Server-Timing, under TTFB', 'db 53 ms · orders', 'app 47 ms', `trace ${traceId}`],
    });

    const linked = renderTimeline([navigation!], { profile: () => {}, traceUrl: 'https://tempo.example/trace/{traceId}' });
    const link = linked.querySelector<HTMLAnchorElement>('a.bar.server');
    expect(link?.href).toBe(`https://tempo.example/trace/${traceId}`);
    expect(link?.rel).toBe('noopener noreferrer');
    // Without a template the bar is a button, as every other.
    expect(renderTimeline([navigation!], { profile: () => {} }).querySelector('.bar.server')?.tagName).toBe('BUTTON');

    // A traceparent that is not one (a page's header could say anything) links nowhere.
    for (const desc of ['00-0af7651916cd43dd8448eb211c80319c/../x-b7ad6b7169203331-01', `00-${'0'.repeat(32)}-b7ad6b7169203331-01`, 'javascript:alert(1)']) {
      const [lane] = toTimeline(
        [event('navigation', 'navigate', 0, 900, { phases: { request: 100 }, serverTiming: [{ name: 'traceparent', duration: 0, desc }] })],
        [],
      );
      expect(lane?.items.find((item) => item.kind === 'server')?.traceId, desc).toBeUndefined();
    }
  });

  it('draws bars as buttons placed by percentage, overlapping ones in rows of their own, page text as text', () => {
    const opened: number[] = [];
    const timeline = renderTimeline(toTimeline(EVENTS, []), { profile: (interaction) => opened.push(interaction.id) });
    const interaction = timeline.querySelector<HTMLElement>('[data-kind="interaction"]');
    expect(interaction?.textContent).toBe('click <img src=x onerror=alert(1)>');
    expect(timeline.querySelector('img')).toBeNull();
    interaction?.click();
    expect(opened).toEqual([42]);
    interaction?.dispatchEvent(new Event('focus'));
    expect(timeline.querySelector('.timeline-tip')?.textContent).toContain('not profiled');
    expect(
      packRows(
        [
          { start: 0, duration: 10 },
          { start: 5, duration: 10 },
          { start: 12, duration: 1 },
        ],
        1,
      ),
    ).toEqual([0, 1, 0]);
  });
});

describe('chart scales', () => {
  it('cuts a vital’s histogram on both thresholds into 30 bins or more up to twice the poor one', () => {
    expect(['LCP', 'INP', 'CLS', 'FCP', 'TTFB'].map(vitalBins)).toEqual([
      { width: 250, bins: 32 },
      { width: 25, bins: 40 },
      { width: 0.0125, bins: 40 },
      { width: 150, bins: 40 },
      { width: 100, bins: 36 },
    ]);
    expect(measureBins(300)).toEqual({ width: 20, bins: 30 });
    expect(measureBins(0)).toEqual({ width: 0.05, bins: 30 });
  });

  it('starts the time axis at the later of the range and the first release, on a bucket edge', () => {
    const now = 10 * 3_600_000;
    expect(timeAxis(now - 7 * 86_400_000, now, now - 600_000)).toEqual({ from: now - 600_000, to: now, bucketMs: 60_000 });
    expect(timeAxis(now - 3_600_000, now, undefined)).toEqual({ from: now - 3_600_000, to: now, bucketMs: 180_000 });
  });

  it('cuts the trend in whole minutes, and in whole hours from an hour on, which the collector makes of its hourly summaries', () => {
    const now = 1_800_000_000_000 + 123;
    const week = timeAxis(now - 7 * 86_400_000, now, undefined);
    expect(week.bucketMs).toBe(7 * 3_600_000);
    expect(week.from % week.bucketMs).toBe(0);
    expect(timeAxis(now - 86_400_000, now, undefined).bucketMs).toBe(3_600_000);
    expect(timeAxis(now - 30 * 86_400_000, now, undefined).bucketMs).toBe(30 * 3_600_000);
  });
});
