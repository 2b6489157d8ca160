/**
 * `npm run bench:dashboard`: how long the dashboard's first view takes, in Chromium against a real
 * collector process over BENCH_EVENTS stored events (default 1M, over 7 days): from navigation start
 * until every section of the overview had its data (the page's own measure, main.ts). Each load in
 * a fresh browser context (nothing cached). Not a test: it prints the figures. BENCH_DB=PATH
 * keeps the file, or uses the one there (bench:queries makes the same data).
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { launchChromium } from '../support/chromium.js';
import { startCollector } from '../support/collectorProcess.js';
import { fillDatabase } from './fillDatabase.js';

const LOADS = 5;
const eventsWanted = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'pageprof-first-view-'));
const dbFile = process.env.BENCH_DB ?? join(dir, 'dashboard.db');

if (existsSync(dbFile)) console.log(`dashboard first view: the data of ${dbFile} (${(statSync(dbFile).size / 1e6).toFixed(0)} MB)`);
else {
  const started = performance.now();
  const storage = openSqliteStorage(dbFile);
  const views = await fillDatabase(storage, eventsWanted, Date.now());
  await storage.close();
  console.log(
    `dashboard first view: ${eventsWanted.toLocaleString('en')} events in ${views.toLocaleString('en')} page views over 7 days (${(statSync(dbFile).size / 1e6).toFixed(0)} MB, written in ${((performance.now() - started) / 1000).toFixed(0)} s)`,
  );
}

const [browser, collector] = await Promise.all([launchChromium(), startCollector({ dbFile })]);
try {
  const times: number[] = [];
  /** Per API route, each load's time from request start to response end. */
  const requestTimes = new Map<string, number[]>();
  for (let load = 0; load < LOADS; load++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    page.on('requestfinished', (request) => {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/v1/')) return;
      const route = pathname.replace(/^\/v1\/sites\/[^/]+\//, '');
      const { responseEnd } = request.timing();
      requestTimes.set(route, [...(requestTimes.get(route) ?? []), Math.round(responseEnd)]);
    });
    await page.goto(`${collector.origin}/dashboard/?site=demo#token=${collector.readToken}`);
    await page.waitForFunction(() => document.documentElement.dataset.firstViewMs !== undefined, undefined, { timeout: 60_000 });
    times.push(Number(await page.evaluate(() => document.documentElement.dataset.firstViewMs)));
    await context.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const slowest = [...requestTimes].sort(([, a], [, b]) => median(b) - median(a));
  console.log(`requests, median ms from start to response end (queueing included): ${slowest.map(([route, ms]) => `${route} ${median(ms)}`).join(', ')}`);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `first view until every overview section had its data, ${LOADS} loads: ${times.join(', ')} ms; median ${sorted[Math.floor(LOADS / 2)]} ms (goal < 1 s)`,
  );
} finally {
  await browser.close();
  await collector.stop();
  if (process.env.BENCH_DB === undefined) rmSync(dir, { recursive: true, force: true });
}
