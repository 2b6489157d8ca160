import { randomUUID } from 'node:crypto';
import type { Beacon, FrameScript, PerfEvent, ProfileEvent, ViewContext } from '../../src/protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';

export const DEMO_KEY = 'demo-public-key';

const newId = () => randomUUID().replaceAll('-', '');

export function makeView(overrides: Partial<ViewContext> = {}): ViewContext {
  return {
    id: newId(),
    session: newId(),
    url: 'https://shop.example/products',
    startedAt: Date.now() - 60_000,
    release: 'web-2.3.1',
    sdk: '0.1.0',
    browser: 'Chrome',
    browserVersion: '156',
    deviceClass: 'desktop',
    cores: 8,
    connection: '4g',
    viewport: { width: 1280, height: 800 },
    ...overrides,
  };
}

const script = (fn: string, duration: number): FrameScript => ({
  url: 'https://shop.example/assets/app.js',
  fn,
  invoker: 'BUTTON#buy.onclick',
  invokerType: 'event-listener',
  char: 1234,
  start: 1500,
  duration,
  forcedLayout: 3,
  pause: 0,
});

/** The events of a realistic page view slice: thirteen, one or more of every kind the page sends. */
export function makeEvents(scale = 1): PerfEvent[] {
  const rating = (value: number, good: number, poor: number) => (value <= good ? 'good' : value > poor ? 'poor' : 'needs-improvement');
  const lcp = 1800 * scale;
  const inp = 150 * scale;
  const cls = 0.05 * scale;
  return [
    {
      type: 'vital',
      name: 'TTFB',
      start: 0,
      value: 120 * scale,
      rating: rating(120 * scale, 800, 1800),
      attribution: { waitingDuration: 20, requestDuration: 90 },
    },
    {
      type: 'vital',
      name: 'FCP',
      start: 0,
      value: 900 * scale,
      rating: rating(900 * scale, 1800, 3000),
      attribution: { timeToFirstByte: 120, firstByteToFCP: 780 },
    },
    {
      type: 'vital',
      name: 'LCP',
      start: 0,
      value: lcp,
      rating: rating(lcp, 2500, 4000),
      attribution: { target: 'main > img.hero', url: 'https://shop.example/hero.jpg', resourceLoadDuration: 600 },
    },
    {
      type: 'vital',
      name: 'CLS',
      start: 0,
      value: cls,
      rating: rating(cls, 0.1, 0.25),
      attribution: { largestShiftTarget: 'div.banner', largestShiftValue: cls },
    },
    {
      type: 'vital',
      name: 'INP',
      start: 1500,
      value: inp,
      rating: rating(inp, 200, 500),
      attribution: {
        interactionTarget: 'button#buy',
        inputDelay: 10,
        processingDuration: 100,
        presentationDelay: 40,
        longestScript: [script('addToCart', 90)],
      },
    },
    {
      type: 'navigation',
      name: 'navigate',
      start: 0,
      duration: 950,
      phases: { dns: 5, connect: 20, request: 90, response: 30, domInteractive: 400, load: 950 },
      transferSize: 15_000,
    },
    {
      type: 'resources',
      name: 'resources',
      start: 0,
      byType: { script: { count: 4, transfer: 120_000, decoded: 400_000, cached: 1, duration: 300 } },
      byOrigin: { 'https://shop.example': { count: 9, transfer: 200_000, decoded: 600_000, cached: 2, duration: 800 } },
      renderBlocking: ['https://shop.example/style.css'],
      slowest: [{ url: 'https://shop.example/hero.jpg', initiator: 'img', start: 300, duration: 600, transfer: 80_000 }],
    },
    { type: 'longtask', name: 'self', start: 1450, duration: 120, container: 'window' },
    {
      type: 'loaf',
      name: 'loaf',
      start: 1440,
      duration: 140 * scale,
      blocking: 90,
      renderStart: 1560,
      styleLayoutStart: 1565,
      firstInput: 1500,
      scripts: [script('addToCart', 90 * scale), script('renderCart', 30)],
    },
    {
      type: 'interaction',
      name: 'click',
      start: 1500,
      duration: inp,
      interactionId: 7,
      target: 'button#buy',
      inputDelay: 10,
      processing: 100,
      presentation: 40,
      scripts: [script('addToCart', 90)],
    },
    { type: 'measure', name: 'load products', start: 200, duration: 120 * scale, detail: '{"products":48}' },
    { type: 'mark', name: 'app-ready', start: 700 },
    { type: 'memory', name: 'performance.memory', start: 2000, value: 12_000_000, total: 20_000_000, limit: 4_000_000_000 },
  ];
}

/** A valid beacon for the demo site; `scale` stretches its timings so beacons differ. */
export function makeBeacon(overrides: Partial<Beacon> = {}, scale = 1): Beacon {
  return {
    v: PROTOCOL_VERSION,
    id: newId(),
    site: 'demo',
    key: DEMO_KEY,
    sentAt: Date.now(),
    view: makeView(),
    events: makeEvents(scale),
    ...overrides,
  };
}

/**
 * A profile window as the worker folds it: `fn` called from a handler in `script`, an "other"
 * remainder, and an interaction span holding most of it; times in ms with the samples behind them.
 */
export function makeProfileEvent(fn = 'addToCart', script = 'https://shop.example/assets/app.min.js'): ProfileEvent {
  return {
    type: 'profile',
    name: 'settled',
    start: 100,
    duration: 2000,
    interval: 10,
    samples: 50,
    idle: 150,
    resources: [script],
    frames: [
      ['handler', 0, 1, 10],
      [fn, 0, 1, 200],
    ],
    stacks: [
      [[0, 1], 30, 310],
      [[0], 16, 150],
    ],
    other: 4,
    otherMs: 40,
    functions: [
      [1, 310, 310, 30, 30],
      [0, 150, 460, 16, 46],
    ],
    spans: [
      {
        kind: 'interaction',
        name: 'click',
        start: 150,
        duration: 320,
        id: 7,
        samples: 32,
        stacks: [
          [0, 28, 280],
          [1, 4, 40],
        ],
        other: 0,
        otherMs: 0,
      },
    ],
  };
}
