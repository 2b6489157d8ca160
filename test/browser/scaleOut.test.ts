import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBeacon, makeView } from '../support/beacons.js';
import { launchChromium } from '../support/chromium.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { postBeacon } from '../support/httpPost.js';
import { nginxInstalled, startNginx, type Nginx } from '../support/nginx/startNginx.js';
import { queryApi } from '../support/queryApi.js';

const READ_TOKEN = 'scale-out-read-token-of-at-least-32-characters';
/** Page views of the shop, each left for its about page (which has no pageprof); half of them before a collector is killed. */
const VISITS = 12;
/** Every answer of the query API that takes no more than the filters, compared between the adapters. */
const ROUTES = [
  'views?limit=500',
  'facets',
  'releases',
  'vitals',
  'vitals/targets',
  'pages',
  'measures',
  'interactions',
  'scripts',
  'longtasks',
  'navigation',
  'resources',
];

/** An answer with its numbers rounded (float sums may differ in the last bits) and its lists in one order (ties may come either way). */
function normalized(value: unknown): unknown {
  if (typeof value === 'number') return Math.round(value * 1000) / 1000;
  if (Array.isArray(value)) return value.map(normalized).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, normalized(entry)]));
  return value;
}

const runs = clickhouseInstalled() && nginxInstalled();

describe.skipIf(!runs)('two collectors on a ClickHouse cluster behind nginx', () => {
  let servers: ClickHouseServers;
  let browser: Browser;
  let collectors: CollectorProcess[] = [];
  let reference: CollectorProcess;
  let nginx: Nginx;
  beforeAll(async () => {
    [servers, browser] = await Promise.all([startClickHouse({ shards: 2, replicas: 1, zookeeper: true }), launchChromium()]);
    const storage = (node: number) => `clickhouse:${servers.nodes[node]?.url}/scaleout?cluster=${servers.cluster}&zookeeper=${servers.zookeeper}`;
    const args = ['--read-token', READ_TOKEN, '--rate-ip', '0', '--rate-site', '0'];
    // One at a time: the first runs the schema's migrations on the cluster.
    collectors = [await startCollector({ storage: storage(0), args })];
    collectors.push(await startCollector({ storage: storage(1), args }));
    // The same beacons on SQLite, through nginx's mirror: the answers every query must equal.
    reference = await startCollector({ args });
    nginx = await startNginx(
      collectors.map((collector) => collector.origin),
      reference.origin,
    );
  }, 120_000);
  afterAll(async () => {
    await nginx?.stop();
    await browser?.close();
    await Promise.all([...collectors, reference].map((collector) => collector?.stop()));
    await servers?.stop();
  });

  it('stores every page view once with a collector killed midway and batches posted to both at once, and answers every query as SQLite does', async () => {
    const [first, second] = collectors as [CollectorProcess, CollectorProcess];
    const errors: string[] = [];
    // Batches a retrying outbox sends to two collectors at once; the reference takes them once.
    const twice = Array.from({ length: 10 }, () => makeBeacon({ view: makeView({ startedAt: Date.now() - 60_000 }) }));
    for (let visit = 0; visit < VISITS; visit++) {
      if (visit === VISITS / 2) {
        const answers = await Promise.all(
          twice.flatMap((beacon) => [postBeacon(first.origin, beacon), postBeacon(second.origin, beacon), postBeacon(reference.origin, beacon)]),
        );
        expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
        await first.stop('SIGKILL');
      }
      const context = await browser.newContext();
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${nginx.origin}/demo/`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#next');
      await page.waitForURL('**/about.html');
      await page.close();
      // The exit beacons are the browser's keepalive requests: the context lives until they are out.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await context.close();
    }
    const ask = (collector: CollectorProcess, path: string) => queryApi<Record<string, unknown>>({ origin: collector.origin, readToken: READ_TOKEN }, path);
    const viewCount = async (collector: CollectorProcess) => ((await ask(collector, 'views?limit=500')).views as unknown[]).length;
    // Every visit's page view, and the ten posted twice.
    await eventually(
      () => viewCount(reference),
      (count) => count === VISITS + twice.length,
      30_000,
    );
    await eventually(
      () => viewCount(second),
      (count) => count === VISITS + twice.length,
      30_000,
    );
    // The last exit beacons may still be on their way to both: wait until the two agree on every event.
    const events = async (collector: CollectorProcess) => JSON.stringify(normalized((await ask(collector, 'views?limit=500')).views));
    await eventually(
      async () => [await events(second), await events(reference)],
      ([clickhouse, sqlite]) => clickhouse === sqlite,
      30_000,
    );
    for (const route of ROUTES) {
      expect(normalized(await ask(second, route)), route).toEqual(normalized(await ask(reference, route)));
    }
    expect(errors).toEqual([]);
  }, 240_000);
});
