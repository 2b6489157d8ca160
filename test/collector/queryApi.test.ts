import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../src/collector/createCollector.js';
import { demoSite } from '../../src/collector/config/demoSite.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import type { Beacon, VitalEvent } from '../../src/protocol/beacon.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest, postBeacon } from '../support/httpPost.js';
import { percentile } from '../support/percentile.js';
import { apiEvents } from '../support/queryApi.js';

const TOKEN = 'query-api-test-token-of-32-characters';
const HOUR = 3_600_000;
let collector: CollectorProcess;
const sent: Beacon[] = [];

beforeAll(async () => {
  collector = await startCollector({ args: ['--read-token', TOKEN, '--rate-ip', '0'] });
  const now = Date.now();
  for (let index = 0; index < 30; index++) {
    const view = makeView({
      startedAt: now - (30 - index) * HOUR,
      release: index % 2 ? 'web-2' : 'web-1',
      deviceClass: (['mobile', 'tablet', 'desktop'] as const)[index % 3],
      connection: index % 4 ? '4g' : '3g',
      url: index % 3 ? 'https://shop.example/products' : 'https://shop.example/cart',
    });
    const beacon = makeBeacon({ view }, 0.5 + ((index * 37) % 30) / 10);
    sent.push(beacon);
    const answer = await postBeacon(collector.origin, beacon);
    expect(answer.status).toBe(200);
  }
});

afterAll(async () => {
  await collector?.stop();
});

const get = (path: string, token?: string) =>
  httpRequest(`${collector.origin}${path}`, { method: 'GET', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
const json = async <T>(path: string): Promise<T> => {
  const answer = await get(path, TOKEN);
  expect(answer.status, answer.body).toBe(200);
  return JSON.parse(answer.body) as T;
};

const routes = ['views', 'measures', 'vitals', 'vitals/series?vital=LCP', 'pages', 'interactions', 'scripts', 'profiles/not-yet-a-route'];

describe('query API: the read token is checked before anything else', () => {
  it('answers 401 without a token, on every route and on paths that match none', async () => {
    for (const route of [...routes, 'vitals?from=not-a-number', 'vitals?bogus=1']) {
      const answer = await get(`/v1/sites/demo/${route}`);
      expect(answer.status, route).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Bearer');
    }
    const basic = await httpRequest(`${collector.origin}/v1/sites/demo/vitals`, { method: 'GET', headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);
  });

  // Another configured site's token, and forged parameters, are siteIsolation.test.ts's.
  it('answers 403 to a wrong token', async () => {
    for (const route of routes) expect((await get(`/v1/sites/demo/${route}`, 'wrong-token')).status, route).toBe(403);
    expect((await get('/v1/sites/demo/vitals', `${TOKEN}x`)).status).toBe(403);
  });

  it('protects routes that other modules register later under /v1/sites/:site/', async () => {
    const config = parseConfig({ sites: [demoSite(TOKEN)] });
    const app = createCollector({ storage: openSqliteStorage(':memory:'), config, root: projectRoot, logLevel: 'silent' });
    app.get('/v1/sites/:site/profiles/:id/flamegraph', async () => ({ secret: true }));
    app.register(async (plugin) => plugin.get('/v1/sites/:site/exports', async () => ({ secret: true })));
    for (const url of ['/v1/sites/demo/profiles/1/flamegraph', '/v1/sites/demo/exports']) {
      expect((await app.inject({ url })).statusCode, url).toBe(401);
      expect((await app.inject({ url, headers: { authorization: 'Bearer nope-nope' } })).statusCode, url).toBe(403);
      expect((await app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } })).json()).toEqual({ secret: true });
    }
    await app.close();
  });
});

/** A vital as a beacon sent it, with its epoch time and its page view's context. */
interface Row {
  name: string;
  value: number;
  rating: string;
  at: number;
  release: string | undefined;
  deviceClass: string | undefined;
  connection: string | undefined;
  url: string;
}

describe('query API: answers equal a reference computation over the vitals sent', () => {
  const vitalsSent = (): Row[] =>
    sent.flatMap(({ view, events }) =>
      events
        .filter((event): event is VitalEvent => event.type === 'vital')
        .map(({ name, value, rating, start }) => ({
          name,
          value,
          rating,
          at: view.startedAt + start,
          release: view.release,
          deviceClass: view.deviceClass,
          connection: view.connection,
          url: view.url,
        })),
    );

  const cases: [string, (row: Row) => boolean][] = [
    ['', () => true],
    ['release=web-2', (row) => row.release === 'web-2'],
    ['device=mobile&connection=4g', (row) => row.deviceClass === 'mobile' && row.connection === '4g'],
    [`page=${encodeURIComponent('https://shop.example/cart')}`, (row) => row.url === 'https://shop.example/cart'],
  ];
  for (const [query, keep] of cases) {
    it(`vitals${query ? `?${query}` : ''}`, async () => {
      const rows = vitalsSent().filter(keep);
      const { vitals } = await json<{ vitals: { name: string; count: number; p50: number; p75: number; p95: number; good: number; poor: number }[] }>(
        `/v1/sites/demo/vitals?${query}`,
      );
      expect(vitals.map((vital) => vital.name)).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
      for (const vital of vitals) {
        const of = rows.filter((row) => row.name === vital.name);
        expect(vital.count).toBe(of.length);
        for (const [field, fraction] of [
          ['p50', 0.5],
          ['p75', 0.75],
          ['p95', 0.95],
        ] as const) {
          expect(vital[field], `${vital.name} ${field}`).toBeCloseTo(
            percentile(
              of.map((row) => row.value),
              fraction,
            ) ?? NaN,
            6,
          );
        }
        expect(vital.good).toBeCloseTo(of.filter((row) => row.rating === 'good').length / of.length, 9);
        expect(vital.poor).toBeCloseTo(of.filter((row) => row.rating === 'poor').length / of.length, 9);
      }
    });
  }

  it('vitals over a time range, and as a time series', async () => {
    const rows = vitalsSent().filter((row) => row.name === 'LCP');
    const to = Date.now() - 5 * HOUR;
    const from = to - 12 * HOUR;
    const { vitals } = await json<{ vitals: { name: string; count: number; p75: number }[] }>(`/v1/sites/demo/vitals?from=${from}&to=${to}`);
    const inRange = rows.filter((row) => row.at >= from && row.at < to).map((row) => row.value);
    expect(vitals.find((vital) => vital.name === 'LCP')).toMatchObject({ count: inRange.length });
    expect(vitals.find((vital) => vital.name === 'LCP')?.p75).toBeCloseTo(percentile(inRange, 0.75) ?? NaN, 6);

    const bucket = 10 * HOUR;
    const { series } = await json<{ series: { at: number; count: number; p95: number }[] }>(`/v1/sites/demo/vitals/series?vital=LCP&bucket=${bucket}`);
    expect(series.reduce((sum, point) => sum + point.count, 0)).toBe(rows.length);
    for (const point of series) {
      const values = rows.filter((row) => Math.floor(row.at / bucket) * bucket === point.at).map((row) => row.value);
      expect(point.count).toBe(values.length);
      expect(point.p95).toBeCloseTo(percentile(values, 0.95) ?? NaN, 6);
    }
  });

  it('pages, slowest interactions and long-frame scripts', async () => {
    const { pages } = await json<{ pages: { url: string; views: number; LCP: number }[] }>('/v1/sites/demo/pages');
    const rows = vitalsSent();
    for (const page of pages) {
      const lcp = rows.filter((row) => row.url === page.url && row.name === 'LCP');
      expect(page.views).toBe(lcp.length);
      expect(page.LCP).toBeCloseTo(
        percentile(
          lcp.map((row) => row.value),
          0.75,
        ) ?? NaN,
        6,
      );
    }
    const durations = sent.flatMap(({ events }) => events.flatMap((event) => (event.type === 'interaction' ? [event.duration] : [])));
    const { interactions } = await json<{ interactions: { duration: number; attribution: { target: string } }[] }>('/v1/sites/demo/interactions?limit=3');
    expect(interactions.map((interaction) => interaction.duration)).toEqual(durations.sort((a, b) => b - a).slice(0, 3));
    expect(interactions[0]?.attribution.target).toBe('button#buy');
    const { scripts } = await json<{ scripts: { fn: string; count: number }[] }>('/v1/sites/demo/scripts?limit=1');
    expect(scripts).toEqual([expect.objectContaining({ fn: 'addToCart', count: 30 })]);
  });
});

describe('query API: the details, equal to a reference computation over the beacons sent', () => {
  const valuesOf = (name: string) =>
    sent.flatMap((beacon) => beacon.events.filter((event) => event.type === 'vital' && event.name === name).map((event) => (event as { value: number }).value));

  it('names the elements behind LCP, CLS and INP', async () => {
    const { targets } = await json<{ targets: { vital: string; target: string; count: number; p75: number }[] }>('/v1/sites/demo/vitals/targets');
    expect(targets.map(({ vital, target, count }) => [vital, target, count])).toEqual([
      ['CLS', 'div.banner', 30],
      ['INP', 'button#buy', 30],
      ['LCP', 'main > img.hero', 30],
    ]);
    for (const target of targets) expect(target.p75, target.vital).toBeCloseTo(percentile(valuesOf(target.vital), 0.75) ?? NaN, 6);
  });

  it('long tasks by page, navigation phases and resources', async () => {
    const { longtasks } = await json<{ longtasks: { url: string; count: number; blocking: number }[] }>('/v1/sites/demo/longtasks');
    const pages = new Set(sent.map((beacon) => beacon.view.url));
    expect(longtasks.map((task) => task.url).sort()).toEqual([...pages].sort());
    for (const task of longtasks) {
      const count = sent.filter((beacon) => beacon.view.url === task.url).length;
      expect(task).toMatchObject({ count, blocking: count * 70 });
    }
    const { phases } = await json<{ phases: { phase: string; count: number; p50: number }[] }>('/v1/sites/demo/navigation');
    expect(phases.map(({ phase, count, p50 }) => [phase, count, p50])).toEqual(
      Object.entries({ connect: 20, dns: 5, domInteractive: 400, load: 950, request: 90, response: 30 }).map(([phase, ms]) => [phase, 30, ms]),
    );
    const { resources } = await json<{ resources: { byType: { type: string; transfer: number }[]; renderBlocking: { url: string; views: number }[] } }>(
      '/v1/sites/demo/resources',
    );
    expect(resources.byType).toEqual([expect.objectContaining({ type: 'script', transfer: 30 * 120_000 })]);
    expect(resources.renderBlocking).toEqual([{ url: 'https://shop.example/style.css', views: 30 }]);
  });

  it("histograms of a vital and a measure, releases with their first views, and the site's write key for its snippet", async () => {
    const lcp = valuesOf('LCP');
    const { histogram } = await json<{ histogram: { start: number; count: number }[] }>('/v1/sites/demo/vitals/histogram?vital=LCP&width=1000&bins=4');
    expect(histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(lcp.length);
    expect(histogram.find((bin) => bin.start === 3000)?.count).toBe(lcp.filter((value) => value >= 3000).length);
    const measures = await json<{ histogram: { start: number; count: number }[] }>(
      `/v1/sites/demo/measures/histogram?name=${encodeURIComponent('load products')}&width=50`,
    );
    expect(measures.histogram.reduce((sum, bin) => sum + bin.count, 0)).toBe(30);
    expect((await get('/v1/sites/demo/vitals/histogram?vital=LCP', TOKEN)).status).toBe(400);
    expect((await get('/v1/sites/demo/vitals/histogram?vital=LCP&width=0', TOKEN)).status).toBe(400);
    const { releases } = await json<{ releases: { release: string; views: number }[] }>('/v1/sites/demo/releases');
    expect(releases.map(({ release, views }) => [release, views])).toEqual([
      ['web-2', 15],
      ['web-1', 15],
    ]);
    expect(await json('/v1/sites/demo/setup')).toEqual({ site: 'demo', writeKey: 'demo-public-key' });
  });

  it('one page view with all of its events, paged; 404 for a view the site does not have', async () => {
    const [first] = sent as [Beacon];
    const detail = await json<{ view: { id: string; events: number }; events: { type: string; name: string }[]; total: number }>(
      `/v1/sites/demo/views/${first.view.id}`,
    );
    expect(detail.view).toMatchObject({ id: first.view.id, events: 13 });
    expect(detail.total).toBe(13);
    expect(detail.events.map((event) => `${event.type} ${event.name}`).sort()).toEqual(first.events.map((event) => `${event.type} ${event.name}`).sort());
    const page = await json<{ events: unknown[] }>(`/v1/sites/demo/views/${first.view.id}?offset=12&limit=5`);
    expect(page.events).toHaveLength(1);
    expect((await get('/v1/sites/demo/views/no-such-view', TOKEN)).status).toBe(404);
  });
});

describe('query API: parameters', () => {
  it('refuses malformed and unknown parameters with 400', async () => {
    for (const query of ['from=yesterday', 'device=fridge', 'limit=0', 'bogus=1', `release=${'x'.repeat(200)}`]) {
      const answer = await get(`/v1/sites/demo/pages?${query}`, TOKEN);
      expect(answer.status, query).toBe(400);
    }
    expect((await get('/v1/sites/demo/vitals/series', TOKEN)).status).toBe(400);
  });

  it('treats SQL in a parameter as a value', async () => {
    const injection = encodeURIComponent("web-1' OR '1'='1");
    const { vitals } = await json<{ vitals: unknown[] }>(`/v1/sites/demo/vitals?release=${injection}`);
    expect(vitals).toEqual([]);
    const dropped = encodeURIComponent("x'); DROP TABLE events; --");
    await json(`/v1/sites/demo/pages?page=${dropped}`);
    expect(await apiEvents(collector)).toHaveLength(30 * 13);
  });
});
