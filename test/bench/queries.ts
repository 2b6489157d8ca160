/**
 * `npm run bench:queries`: what one dashboard overview costs the SQLite adapter at 1M events over
 * 7 days (the panels `src/dashboard/showOverview.ts` asks for at once, and the filter bar's facets), and
 * one comparison of two releases (the compare route), next
 * to GOALS.md's reference measured in the same run: one `percentile_cont` over the covering index.
 * `-- --storage clickhouse` also fills a ClickHouse server it starts (as the tests do) with the same
 * beacons and times the same overview there. Not a test: it prints figures and ratios.
 * BENCH_EVENTS sets the size (default 1M). BENCH_DB=PATH keeps the SQLite file there, and a later
 * run on the same path uses it as it is (10M events take minutes to write).
 */
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueryFilters, Storage } from '../../src/collector/storage/Storage.js';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { compareReleases } from '../../src/collector/compare/compareReleases.js';
import { createProfileReader } from '../../src/collector/profiles/createProfileReader.js';
import { createSymbolicator } from '../../src/collector/profiles/createSymbolicator.js';
import { startClickHouse } from '../support/clickhouse/startClickHouse.js';
import { projectRoot } from '../support/collectorProcess.js';
import { fillDatabase } from './fillDatabase.js';

const DAY = 86_400_000;
const eventsWanted = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'pageprof-queries-'));
const file = process.env.BENCH_DB ?? join(dir, 'queries.db');
const reused = existsSync(file);
// Queries on reader threads, as `pageprof serve` runs them wherever there is a second core.
const readers = availableParallelism() < 2 ? 0 : Math.min(availableParallelism(), 4);
const storage = openSqliteStorage(file, { readerThreads: { script: join(projectRoot, 'dist/sqliteReader.mjs'), count: readers } });

const now = Date.now();
const started = performance.now();
const raw = new Database(file, { readonly: true });
const beaconCount = reused
  ? (raw.prepare('SELECT count(*) AS views FROM views').get() as { views: number }).views
  : await fillDatabase(storage, eventsWanted, now);
const { events } = raw.prepare('SELECT count(*) AS events FROM events').get() as { events: number };
console.log(
  `query benchmark: ${events.toLocaleString('en')} events in ${beaconCount.toLocaleString('en')} page views over 7 days (${(statSync(file).size / 1e6).toFixed(0)} MB, ${reused ? `reused from ${file}` : `written in ${((performance.now() - started) / 1000).toFixed(0)} s`})`,
);

/** Median of five runs after one to warm the cache, ms. */
function time(run: () => unknown): number {
  run();
  const runs = Array.from({ length: 5 }, () => {
    const start = performance.now();
    run();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return runs[2] ?? 0;
}
const measure = async (run: () => Promise<unknown>) => {
  await run();
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    await run();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2] ?? 0;
};

const reference = raw.prepare(
  `SELECT name, percentile_cont(value, 0.5), percentile_cont(value, 0.75), percentile_cont(value, 0.95)
     FROM events WHERE site = 'demo' AND type = 'vital' GROUP BY name`,
);
const baseline = time(() => reference.all());
console.log(`reference (GOALS.md): percentile_cont p50/p75/p95 of each vital over the covering index, no filter: ${baseline.toFixed(0)} ms`);

const overview = (storage: Storage, filters: QueryFilters): [string, () => Promise<unknown>][] => [
  ['vitals', () => storage.vitals('demo', filters)],
  ['releases', () => storage.releases('demo', 20)],
  ['vitals/series', () => storage.vitalSeries('demo', 'LCP', 3_600_000, filters)],
  ['vitals/histogram', () => storage.vitalHistogram('demo', 'LCP', 250, 32, filters)],
  ['pages', () => storage.pages('demo', filters, 50)],
  ['interactions', () => storage.slowestInteractions('demo', filters, 10)],
  ['scripts', () => storage.frameScripts('demo', filters, 10)],
  ['measures', () => storage.measureDistributions('demo', filters)],
  ['measures/histogram', () => storage.measureHistogram('demo', 'load products', 20, 30, filters)],
  ['views', () => storage.recentViews('demo', filters, 50)],
  ['facets', () => storage.facets('demo', { from: filters.from, to: filters.to })],
];
const scenarios: [string, QueryFilters][] = [
  ['last 7 days (the dashboard default)', { from: now - 7 * DAY }],
  ['last 24 hours', { from: now - DAY }],
  ['7 days, one release', { from: now - 7 * DAY, release: 'web-1' }],
  ['7 days, one page', { from: now - 7 * DAY, page: 'https://shop.example/p3' }],
];
async function timeOverview(adapter: string, storage: Storage): Promise<void> {
  for (const [name, filters] of scenarios) {
    const panels = overview(storage, filters);
    const total = await measure(() => Promise.all(panels.map(([, run]) => run())));
    const parts: string[] = [];
    for (const [panel, run] of panels) parts.push(`${panel} ${(await measure(run)).toFixed(0)}`);
    console.log(`${adapter} overview, ${name}: ${total.toFixed(0)} ms = ×${(total / baseline).toFixed(1)} the reference (goal ≤ 300 ms)`);
    console.log(`  ${parts.join(' · ')} ms`);
  }
}
console.log(`overview: its panels at once (SQLite on ${readers} reader threads), as the dashboard asks for them; then each panel alone`);
await timeOverview('SQLite', storage);
if (process.argv.includes('clickhouse')) {
  const servers = await startClickHouse({ shards: 1, replicas: 1, zookeeper: false });
  try {
    const clickhouse = await openClickHouseStorage(`${servers.nodes[0]?.url}/bench`);
    const filling = performance.now();
    await fillDatabase(clickhouse, eventsWanted, now);
    console.log(
      `ClickHouse 18.16, one server: the same data (${beaconCount.toLocaleString('en')} page views) written in ${((performance.now() - filling) / 1000).toFixed(0)} s`,
    );
    await timeOverview('ClickHouse', clickhouse);
    await clickhouse.close();
  } finally {
    await servers.stop();
  }
}
// The compare route's work (src/collector/compare/compareReleases.ts), next to the same reference.
const profiles = createProfileReader(storage.profiles, createSymbolicator(storage.profiles));
const rule = { minSamples: 30, minChange: 0.05, falseDiscoveryRate: 0.05 };
for (const [name, filters] of [
  ['all stored', {}],
  ['last 7 days', { from: now - 7 * DAY }],
  ['7 days, one page', { from: now - 7 * DAY, page: 'https://shop.example/p3' }],
] as const) {
  const compared = await measure(() => compareReleases(storage, profiles, 'demo', { base: 'web-1', head: 'web-2', ...filters }, rule));
  console.log(`compare web-1 with web-2, ${name}: ${compared.toFixed(0)} ms = ×${(compared / baseline).toFixed(1)} the reference`);
}
raw.close();
await storage.close();
if (process.env.BENCH_DB === undefined) rmSync(dir, { recursive: true, force: true });
