import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTOGRAM_ERROR } from '../../src/collector/storage/histograms/histogramBucket.js';
import { migrate } from '../../src/collector/storage/sqlite/migrate.js';
import { migrations } from '../../src/collector/storage/sqlite/migrations.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { createCollector } from '../../src/collector/createCollector.js';
import { demoSite } from '../../src/collector/config/demoSite.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import type { Beacon } from '../../src/protocol/beacon.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { projectRoot } from '../support/collectorProcess.js';
import { storageContract } from './storageContract.js';

const DAY = 86_400_000;
const newFile = () => join(mkdtempSync(join(tmpdir(), 'pageprof-store-')), 'test.db');
let file = '';
storageContract(
  "SQLite, writes on the caller's thread",
  async () => openSqliteStorage((file = newFile())),
  async () => openSqliteStorage(file),
);
// The writer thread runs the built script, as `pageprof serve` does (npm test builds first).
const writerThread = join(projectRoot, 'dist/sqliteWriter.mjs');
storageContract(
  'SQLite, writes on a writer thread',
  async () => openSqliteStorage((file = newFile()), { writerThread }),
  async () => openSqliteStorage(file, { writerThread }),
);
const readerThreads = { script: join(projectRoot, 'dist/sqliteReader.mjs'), count: 2 };
storageContract(
  'SQLite, writes and queries on threads of their own',
  async () => openSqliteStorage((file = newFile()), { writerThread, readerThreads }),
  async () => openSqliteStorage(file, { writerThread, readerThreads }),
);
// Every percentile from the hourly summaries, however few the values: within HISTOGRAM_ERROR of the exact ones.
storageContract(
  'SQLite, answering from the hourly summaries',
  async () => openSqliteStorage((file = newFile()), { exactUpTo: 0 }),
  async () => openSqliteStorage(file, { exactUpTo: 0 }),
  { tolerance: HISTOGRAM_ERROR },
);

describe('SQLite specifics', () => {
  it('migrates a version-1 database with data to the newest schema, filling the new columns', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pageprof-migrate-')), 'old.db');
    const old = new Database(path);
    old.exec(migrations[0] as string);
    old.pragma('user_version = 1');
    old
      .prepare(`INSERT INTO views (id, site, session, url, release, sdk, started_at, context) VALUES ('v1', 'demo', 's', 'u', 'web-1', '0.1.0', 1, ?)`)
      .run(JSON.stringify({ browser: 'Chrome', deviceClass: 'mobile', connection: '4g' }));
    old
      .prepare(`INSERT INTO events (site, view_id, batch_id, type, name, start, value, data, at) VALUES ('demo', 'v1', 'b1', 'vital', 'LCP', 0, 1800, ?, 1)`)
      .run(JSON.stringify({ rating: 'good', attribution: {} }));
    const script = { url: 'https://shop.example/app.js', fn: 'addToCart', invoker: 'BUTTON#buy.onclick', invokerType: 'event-listener', duration: 90 };
    old
      .prepare(`INSERT INTO events (site, view_id, batch_id, type, name, start, data, at) VALUES ('demo', 'v1', 'b1', 'loaf', 'loaf', 0, ?, 7200001)`)
      .run(JSON.stringify({ scripts: [script, { ...script, duration: 30 }] }));
    old.close();
    await openSqliteStorage(path).close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.prepare('SELECT browser, device_class, connection FROM views').get()).toEqual({ browser: 'Chrome', device_class: 'mobile', connection: '4g' });
    expect(db.prepare("SELECT rating FROM events WHERE type = 'vital'").get()).toEqual({ rating: 'good' });
    expect(db.prepare('SELECT events FROM views').get()).toEqual({ events: 2 });
    expect(db.prepare('SELECT hour, release, fn, count, total, max FROM frame_script_hours').get()).toEqual({
      hour: 2,
      release: 'web-1',
      fn: 'addToCart',
      count: 2,
      total: 120,
      max: 90,
    });
    expect(db.prepare('SELECT facet, value FROM facet_values ORDER BY facet').all()).toEqual([
      { facet: 'browser', value: 'Chrome' },
      { facet: 'connection', value: '4g' },
      { facet: 'device', value: 'mobile' },
      { facet: 'page', value: 'u' },
      { facet: 'release', value: 'web-1' },
    ]);
    expect(db.prepare('SELECT min(e.view = v.ref AND e.page = p.id AND v.page = p.id) AS linked FROM events e, views v, pages p').get()).toEqual({ linked: 1 });
    expect(db.prepare('SELECT site, url FROM pages').all()).toEqual([{ site: 'demo', url: 'u' }]);
    db.close();
  });

  it("forgets a page's URL with its last view at retention", async () => {
    const path = newFile();
    const storage = openSqliteStorage(path);
    const now = Date.now();
    const viewOn = (url: string, startedAt: number) => makeBeacon({ view: makeView({ url, startedAt }) });
    await storage.insertBeacons(
      [viewOn('https://shop.example/old', now - 40 * DAY), viewOn('https://shop.example/kept', now - 40 * DAY), viewOn('https://shop.example/kept', now)].map(
        (beacon) => ({ beacon, receivedAt: now }),
      ),
    );
    await storage.deleteBefore(now - 30 * DAY);
    await storage.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT url FROM pages').all()).toEqual([{ url: 'https://shop.example/kept' }]);
    db.close();
  });

  it('removes at retention the profile frames and stacks no remaining window refers to', async () => {
    const path = newFile();
    const storage = openSqliteStorage(path);
    const now = Date.now();
    const window = (fn: string, startedAt: number) => makeBeacon({ view: makeView({ startedAt }), events: [makeProfileEvent(fn)] });
    await storage.insertBeacons([window('oldOnly', now - 40 * DAY), window('kept', now)].map((beacon) => ({ beacon, receivedAt: now })));
    await storage.deleteBefore(now - 30 * DAY);
    await storage.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT name FROM profile_frames ORDER BY name').pluck().all()).toEqual(['handler', 'kept']);
    expect(db.prepare('SELECT count(*) FROM profile_stacks').pluck().get()).toBe(2);
    db.close();
  });

  it('answers every profile route when stored rows point at frames and stacks that are not there', async () => {
    const path = newFile();
    const storage = openSqliteStorage(path);
    await storage.insertBeacons([{ beacon: makeBeacon({ events: [makeProfileEvent('fine')] }), receivedAt: Date.now() }]);
    // What an older version, a hand edit or a bug could have left: dangling ids everywhere.
    const db = new Database(path);
    db.prepare('UPDATE profile_functions SET frame_id = 999 WHERE rowid = (SELECT min(rowid) FROM profile_functions)').run();
    db.prepare('UPDATE profile_samples SET stack_id = 998 WHERE rowid = (SELECT min(rowid) FROM profile_samples)').run();
    db.prepare("UPDATE profile_stacks SET frames = frames || ',997' WHERE id = (SELECT max(id) FROM profile_stacks)").run();
    db.close();
    const readToken = 'sqlite-adapter-test-read-token-32-chars';
    const app = createCollector({ storage, config: parseConfig({ sites: [demoSite(readToken)] }), root: projectRoot, logLevel: 'silent' });
    for (const path of [
      'targets',
      'functions?kind=window',
      'functions?kind=interaction',
      'tree?kind=window',
      'tree?kind=interaction',
      ...['speedscope', 'pprof', 'folded'].map((format) => `export?format=${format}`),
    ]) {
      const answer = await app.inject({ url: `/v1/sites/demo/profiles/${path}`, headers: { authorization: `Bearer ${readToken}` } });
      expect(answer.statusCode, `${path}: ${answer.body}`).toBe(200);
    }
    const functions = await app.inject({ url: '/v1/sites/demo/profiles/functions?kind=window', headers: { authorization: `Bearer ${readToken}` } });
    expect((functions.json() as { functions: { name: string }[] }).functions.map((fn) => fn.name)).toEqual(['handler']);
    await app.close();
  });

  it('sums the events stored before migration 16 into the hourly summaries, as the summaries kept as beacons arrived would be', async () => {
    const path = newFile();
    const now = Date.now();
    const beacons = Array.from({ length: 12 }, (_, index) =>
      makeBeacon(
        {
          view: makeView({
            startedAt: now - (12 - index) * 1_800_000,
            url: `https://shop.example/${index % 3 ? 'products' : 'cart'}`,
            release: `web-${index % 2}`,
            ...(index % 4 === 1 ? { sampleRate: 0.25 } : {}),
          }),
        },
        0.5 + index / 4,
      ),
    );
    const answers = async () => {
      const storage = openSqliteStorage(path, { exactUpTo: 0 });
      const filters = { from: now - 7 * DAY };
      const answered = await Promise.all([
        storage.vitals('demo', filters),
        storage.vitals('demo', { ...filters, release: 'web-1' }),
        storage.vitalSeries('demo', 'LCP', 3_600_000, filters),
        storage.pages('demo', filters, 10),
        storage.measureDistributions('demo', { ...filters, page: 'https://shop.example/cart' }),
      ]);
      await storage.close();
      // Sums of weights in another order may differ in their last bits.
      return JSON.parse(JSON.stringify(answered, (_, value) => (typeof value === 'number' ? Number(value.toPrecision(12)) : value))) as unknown;
    };
    const storage = openSqliteStorage(path);
    await storage.insertBeacons(beacons.map((beacon) => ({ beacon, receivedAt: now })));
    await storage.close();
    const kept = await answers();
    expect(JSON.stringify(kept)).toContain('"approximate":true');
    const db = new Database(path);
    db.exec('DROP TABLE value_hours');
    // Back to before migration 16; the later ones make again what they find made.
    db.pragma('user_version = 15');
    db.close();
    expect(await answers()).toEqual(kept);
  });

  it('has, beside its migrations, a snapshot of the schema they make (vitest -u rewrites it)', async () => {
    const db = new Database(':memory:');
    migrate(db);
    const schema = db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, tbl_name, name",
      )
      .pluck()
      .all() as string[];
    db.close();
    const header = '-- The SQLite schema that migrations.ts makes, table by table: a snapshot to read, never run.\n\n';
    await expect(`${header + schema.map((sql) => `${sql};`).join('\n\n')}\n`).toMatchFileSnapshot('../../src/collector/storage/sqlite/schema.sql');
  });

  it("erasure forgets a page's URL with its last view, and the view in its batches' records", async () => {
    const path = newFile();
    const storage = openSqliteStorage(path);
    const [erased, kept] = ['https://shop.example/account', 'https://shop.example/kept'].map((url) => makeBeacon({ view: makeView({ url }) })) as [
      Beacon,
      Beacon,
    ];
    await storage.insertBeacons([erased, kept].map((beacon) => ({ beacon, receivedAt: Date.now() })));
    await storage.erase('demo', { view: erased.view.id });
    await storage.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT url FROM pages').all()).toEqual([{ url: 'https://shop.example/kept' }]);
    expect(db.prepare('SELECT id, view_id AS view FROM batches ORDER BY view_id').all()).toEqual([
      { id: erased.id, view: '' },
      { id: kept.id, view: kept.view.id },
    ]);
    db.close();
  });

  it('answers a vitals query from the (site, type, name, at, value, rating) index alone', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'pageprof-plan-')), 'plan.db');
    await openSqliteStorage(path).close();
    const db = new Database(path, { readonly: true });
    const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT e.value, e.rating FROM events e WHERE e.site = 'demo' AND e.type = 'vital' AND e.at >= 0`).all() as {
      detail: string;
    }[];
    expect(plan.map((step) => step.detail).join('\n')).toContain('USING COVERING INDEX events_by_site_type_name_at');
    db.close();
  });
});
