import { expect, it } from 'vitest';
import type { Beacon, LongTaskEvent, NavigationEvent, ResourcesEvent, VitalEvent } from '../../src/protocol/beacon.js';
import type { Storage } from '../../src/collector/storage/Storage.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { percentile } from '../support/percentile.js';

const HOUR = 3_600_000;

/** Numbers compared to 6 decimals (SQL sums and interpolations of floats), the rest exactly. */
function expectClose(actual: unknown, expected: unknown, label: string): void {
  if (typeof expected === 'number') return void expect(actual, label).toBeCloseTo(expected, 6);
  if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, `${label} length`).toBe(expected.length);
    for (const [index, item] of expected.entries()) expectClose((actual as unknown[])[index], item, `${label}[${index}]`);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(Object.keys(actual as object).sort(), `${label} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectClose((actual as Record<string, unknown>)[key], value, `${label}.${key}`);
    return;
  }
  expect(actual, label).toBe(expected);
}

const eventsOf = <T extends Beacon['events'][number]>(beacons: Beacon[], type: T['type']) =>
  beacons.flatMap((beacon) => beacon.events.filter((event): event is T => event.type === type).map((event) => ({ beacon, event })));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * 18 page views whose attribution targets, long tasks, navigation phases and resources differ, so
 * that each answer ranks, groups and sums something.
 */
function varied(now = Date.now()): Beacon[] {
  return Array.from({ length: 18 }, (_, index) => {
    const beacon = makeBeacon(
      { view: makeView({ startedAt: now - (18 - index) * HOUR, url: `https://shop.example/${index % 3 ? 'products' : 'cart'}` }) },
      0.5 + (index % 7) / 4,
    );
    for (const event of beacon.events) {
      if (event.type === 'vital' && event.name === 'LCP') event.attribution.target = `img.hero-${index % 3}`;
      if (event.type === 'vital' && event.name === 'CLS') event.attribution.largestShiftTarget = index % 4 ? 'div.banner' : 'footer';
      if (event.type === 'vital' && event.name === 'INP') event.attribution.interactionTarget = `button#buy-${index % 2}`;
      if (event.type === 'longtask') event.duration = 40 + index * 11;
      if (event.type === 'navigation') event.phases = { dns: index, request: 90 + index * 3, response: 30 - index };
      if (event.type === 'resources') {
        event.byType = {
          script: { count: 1 + (index % 3), transfer: 1000 * index, decoded: 3000 * index, cached: index % 2, duration: 10 + index },
          img: { count: 2, transfer: 500, decoded: 500, cached: 0, duration: 40 },
        };
        event.renderBlocking = index % 2 ? ['https://shop.example/style.css'] : ['https://shop.example/style.css', 'https://fonts.example/font.css'];
        event.slowest = [{ url: `https://shop.example/hero-${index % 2}.jpg`, initiator: 'img', start: 300, duration: 100 + index * 7, transfer: 80_000 }];
      }
    }
    return beacon;
  });
}

/** The contract's cases of the detail queries: element attribution, long tasks, navigation, resources, one view. */
export function storageDetailCases(storage: () => Storage): void {
  const insert = (beacons: Beacon[]) => storage().insertBeacons(beacons.map((beacon) => ({ beacon, receivedAt: Date.now() })));

  it('ranks the elements LCP, CLS and INP name by count, with their p75, as a reference computation does', async () => {
    const beacons = varied();
    await insert(beacons);
    const targetOf = { LCP: 'target', CLS: 'largestShiftTarget', INP: 'interactionTarget' } as const;
    const expected = (['CLS', 'INP', 'LCP'] as const).flatMap((vital) => {
      const groups = new Map<string, number[]>();
      for (const { event } of eventsOf<VitalEvent>(beacons, 'vital').filter(({ event }) => event.name === vital)) {
        const target = String(event.attribution[targetOf[vital]]);
        groups.set(target, [...(groups.get(target) ?? []), event.value]);
      }
      return [...groups]
        .map(([target, values]) => ({ vital, target, count: values.length, p75: percentile(values, 0.75) }))
        .sort((a, b) => b.count - a.count || a.target.localeCompare(b.target))
        .slice(0, 2);
    });
    expectClose(await storage().vitalTargets('demo', {}, 2), expected, 'targets');
  });

  it('groups long tasks by page and attribution, heaviest total blocking time first, as a reference computation does', async () => {
    const beacons = varied();
    await insert(beacons);
    const byPage = new Map<string, number[]>();
    for (const { beacon, event } of eventsOf<LongTaskEvent>(beacons, 'longtask'))
      byPage.set(beacon.view.url, [...(byPage.get(beacon.view.url) ?? []), event.duration]);
    const expected = [...byPage]
      .map(([url, durations]) => ({
        url,
        route: null,
        name: 'self',
        container: 'window',
        count: durations.length,
        blocking: sum(durations.map((d) => Math.max(d - 50, 0))),
        p75: percentile(durations, 0.75),
        max: Math.max(...durations),
      }))
      .sort((a, b) => b.blocking - a.blocking);
    expectClose(await storage().longTasks('demo', {}, 10), expected, 'long tasks');
    expectClose(
      await storage().longTasks('demo', { page: 'https://shop.example/cart' }, 10),
      expected.filter((row) => row.url.endsWith('/cart')),
      'one page',
    );
  });

  it('gives each navigation phase its percentiles, as a reference computation does', async () => {
    const beacons = varied();
    await insert(beacons);
    const phases = eventsOf<NavigationEvent>(beacons, 'navigation').map(({ event }) => event.phases);
    const expected = ['dns', 'request', 'response'].map((phase) => {
      const values = phases.map((all) => all[phase] as number);
      return { phase, count: values.length, p50: percentile(values, 0.5), p75: percentile(values, 0.75), p95: percentile(values, 0.95) };
    });
    expectClose(await storage().navigationPhases('demo', {}), expected, 'phases');
  });

  it('sums resources by type and origin, counts render-blocking URLs by view and ranks the slowest, as a reference computation does', async () => {
    const beacons = varied();
    await insert(beacons);
    const summaries = eventsOf<ResourcesEvent>(beacons, 'resources').map(({ event }) => event);
    const totals = (stats: ResourcesEvent['byType'][string][]) => ({
      count: sum(stats.map((stat) => stat.count)),
      transfer: sum(stats.map((stat) => stat.transfer)),
      decoded: sum(stats.map((stat) => stat.decoded)),
      cached: sum(stats.map((stat) => stat.cached)),
      duration: sum(stats.map((stat) => stat.duration)),
    });
    const slowest = ['https://shop.example/hero-0.jpg', 'https://shop.example/hero-1.jpg'].map((url) => {
      const durations = summaries.flatMap((summary) => summary.slowest.filter((resource) => resource.url === url).map((resource) => resource.duration));
      return { url, initiator: 'img', count: durations.length, p75: percentile(durations, 0.75), max: Math.max(...durations) };
    });
    const origin = 'https://shop.example';
    expectClose(
      await storage().resources('demo', {}, 10),
      {
        byType: [
          { type: 'script', ...totals(summaries.map((summary) => summary.byType.script as ResourcesEvent['byType'][string])) },
          { type: 'img', ...totals(summaries.map((summary) => summary.byType.img as ResourcesEvent['byType'][string])) },
        ],
        byOrigin: [{ origin, ...totals(summaries.map((summary) => summary.byOrigin[origin] as ResourcesEvent['byType'][string])) }],
        renderBlocking: [
          { url: 'https://shop.example/style.css', views: 18 },
          { url: 'https://fonts.example/font.css', views: 9 },
        ],
        slowest: slowest.sort((a, b) => (b.p75 ?? 0) - (a.p75 ?? 0)),
      },
      'resources',
    );
  });

  it('sums the delivery of the batches received in a range: stored, dropped before them, clocks corrected', async () => {
    const now = Date.now();
    const received = (beacon: Beacon, receivedAt: number, clockCorrection = 0) => ({ beacon, receivedAt, clockCorrection });
    await storage().insertBeacons([
      received(makeBeacon({ dropped: 3 }), now - 3 * HOUR),
      received(makeBeacon(), now - 2 * HOUR, -172_800_000),
      received(makeBeacon({ dropped: 1 }), now - HOUR, 5_000_000),
    ]);
    expect(await storage().delivery('demo', {})).toEqual({ batches: 3, dropped: 4, corrected: 2, largestCorrection: 172_800_000 });
    expect(await storage().delivery('demo', { from: now - 2.5 * HOUR })).toEqual({ batches: 2, dropped: 1, corrected: 2, largestCorrection: 172_800_000 });
    expect(await storage().delivery('demo', { to: now - 2.5 * HOUR })).toEqual({ batches: 1, dropped: 3, corrected: 0, largestCorrection: 0 });
    expect(await storage().delivery('other', {})).toEqual({ batches: 0, dropped: 0, corrected: 0, largestCorrection: 0 });
  });

  it("knows which of a page's batch ids are stored for its site, and not another site's", async () => {
    const [stored, other] = [makeBeacon(), makeBeacon({ site: 'other', view: { ...makeView(), id: 'other-view' } })];
    await insert([stored, other]);
    const never = makeBeacon().id;
    expect(await storage().knownBatches('demo', [never, stored.id, other.id])).toEqual([stored.id]);
    expect(await storage().knownBatches('other', [stored.id, other.id])).toEqual([other.id]);
    expect(await storage().knownBatches('demo', [])).toEqual([]);
    // An id is text to compare, never SQL: hostile ones find nothing and break nothing.
    expect(await storage().knownBatches('demo', ["x' OR '1'='1", '") OR 1=1 --', "\\'"])).toEqual([]);
  });

  it("gives one page view with its context and its events in the order they happened, a page at a time, and no other site's", async () => {
    const beacon = makeBeacon();
    const later = makeBeacon({ view: beacon.view, events: [{ type: 'mark', name: 'late', start: 5000 }] });
    await insert([beacon, later, makeBeacon({ site: 'other', view: { ...makeView(), id: 'other-view' } })]);
    const detail = await storage().view('demo', beacon.view.id, 0, 100);
    // The context is everything the page said of itself beyond the view's own fields.
    const { id, session, url, release, env, sdk, startedAt, ...context } = beacon.view;
    const { browser, deviceClass, connection } = context;
    expect(detail?.view).toEqual({ id, session, url, release, env: env ?? null, sdk, startedAt, browser, deviceClass, connection, events: 14, context });
    const sent = [...beacon.events, ...later.events].map(({ type, name, start, route, ...rest }) => {
      const { duration, value, ...fields } = rest as typeof rest & { duration?: number; value?: number };
      return { type, name, start, duration: duration ?? null, value: value ?? null, route: route ?? null, fields };
    });
    const inOrder = sent
      .map((event, index) => ({ event, index }))
      .sort((a, b) => a.event.start - b.event.start || a.index - b.index)
      .map(({ event }) => event);
    expect(detail?.events).toEqual(inOrder);
    expect(detail?.total).toBe(14);
    expect((await storage().view('demo', beacon.view.id, 10, 3))?.events).toEqual(inOrder.slice(10, 13));
    expect(await storage().view('demo', 'other-view', 0, 10)).toBeUndefined();
    expect(await storage().view('demo', 'no-such-view', 0, 10)).toBeUndefined();
  });
}
