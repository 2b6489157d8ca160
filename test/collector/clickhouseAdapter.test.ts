import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryFilters, Storage } from '../../src/collector/storage/Storage.js';
import { connectClickHouse } from '../../src/collector/storage/clickhouse/connectClickHouse.js';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { parseClickHouseUrl } from '../../src/collector/storage/clickhouse/parseClickHouseUrl.js';
import { sql } from '../../src/collector/storage/clickhouse/sql.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { toClickHouseRows } from '../../src/collector/storage/clickhouse/toClickHouseRows.js';
import { MAX_PROFILES_PER_VIEW } from '../../src/protocol/limits.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { siteEvents } from '../support/siteEvents.js';

const HOSTILE = [
  "it's",
  'back\\slash',
  "\\'; DROP TABLE events; --",
  "') OR 1 = 1 OR ('",
  'tab\tnew\nline\r',
  'nul\u0000byte',
  '{x:String}',
  'ünïcødé 😀 日本',
  '`backtick` "double"',
];

describe.skipIf(!clickhouseInstalled())('ClickHouse adapter on one server', () => {
  let servers: ClickHouseServers;
  let url = '';
  let storage: Storage;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 1, replicas: 1, zookeeper: false });
    url = `${servers.nodes[0]?.url}/adapter`;
    storage = await openClickHouseStorage(url);
  }, 60_000);
  afterAll(async () => {
    await storage?.close();
    await servers?.stop();
  });

  it('quotes any string so that ClickHouse reads back the same string', async () => {
    const clickhouse = connectClickHouse(parseClickHouseUrl(url));
    try {
      const strings = [...HOSTILE, ...fc.sample(fc.string({ unit: 'binary', maxLength: 40 }), 200)];
      const rows = await clickhouse.query<{ values: string[] }>(sql`SELECT ${strings} AS values`);
      expect(rows[0]?.values).toEqual(strings);
    } finally {
      await clickhouse.close();
    }
  });

  it('takes hostile strings through every filter as values, matching only what carries them', async () => {
    for (const [index, text] of HOSTILE.entries()) {
      const site = `hostile-${index}`;
      const view = makeView({ url: `https://shop.example/${text}`, release: text, deviceClass: text as never, connection: text, browser: text });
      const beacon = makeBeacon({ site, view });
      beacon.events = beacon.events.map((event) => ({ ...event, route: text }));
      const decoy = makeBeacon({ site, view: makeView() });
      await storage.insertBeacons([beacon, decoy].map((received) => ({ beacon: received, receivedAt: Date.now() })));
      const filters: QueryFilters[] = [
        { page: view.url },
        { route: text },
        { release: text },
        { device: text as never },
        { connection: text },
        { browser: text },
      ];
      for (const filter of filters) {
        const label = `${JSON.stringify(text)} as ${Object.keys(filter)[0]}`;
        expect(
          (await storage.recentViews(site, filter, 10)).map((found) => found.id),
          label,
        ).toEqual([view.id]);
        expect(
          (await storage.vitals(site, filter)).map((vital) => vital.count),
          label,
        ).toEqual([1, 1, 1, 1, 1]);
        expect(
          (await storage.measureDistributions(site, filter)).map((measure) => measure.count),
          label,
        ).toEqual([1]);
        expect(
          (await storage.vitalSeries(site, 'LCP', 3_600_000, filter)).map((point) => point.count),
          label,
        ).toEqual([1]);
        expect(
          (await storage.pages(site, filter, 10)).map((page) => page.views),
          label,
        ).toEqual([1]);
        expect(
          (await storage.slowestInteractions(site, filter, 10)).map((found) => found.viewId),
          label,
        ).toEqual([view.id]);
        expect(
          (await storage.frameScripts(site, filter, 10)).map((script) => script.count),
          label,
        ).toEqual([1, 1]);
      }
      expect((await storage.facets(site, {})).releases, JSON.stringify(text)).toContain(text);
      expect(await storage.vitalSeries(site, text, 3_600_000, {})).toEqual([]);
      expect(await storage.vitals(text, {})).toEqual([]);
      await storage.profiles.putSourceMap(site, text, text, text, Date.now());
      expect(await storage.profiles.sourceMaps(site, text)).toEqual([{ file: text, map: text }]);
      expect(await storage.profiles.sourceMapUsage(site, { release: text, file: text })).toEqual({ count: 0, bytes: 0 });
    }
  });

  it('answers profile queries as SQLite does for the same beacons, keeping at most 40 windows a view', async () => {
    const sqlite = openSqliteStorage(join(mkdtempSync(join(tmpdir(), 'pageprof-ch-profiles-')), 'profiles.db'));
    const site = 'profiled';
    const crowded = makeView({ release: 'web-9' });
    const beacons = [
      ...Array.from({ length: 6 }, (_, i) =>
        makeBeacon({ site, view: makeView({ release: i % 2 ? 'web-1' : 'web-2' }), events: [makeProfileEvent(`fn${i % 3}`), makeProfileEvent('shared')] }),
      ),
      // One view sends more windows than it may keep, over several beacons.
      ...Array.from({ length: 12 }, () => makeBeacon({ site, view: crowded, events: [1, 2, 3, 4].map(() => makeProfileEvent('busy')) })),
    ];
    const now = Date.now();
    const into = (storage: Storage) => storage.insertBeacons(beacons.map((beacon) => ({ beacon, receivedAt: now })));
    const [fromSqlite, fromClickHouse] = [await into(sqlite), await into(storage)];
    expect(fromClickHouse).toEqual(fromSqlite);
    expect(fromClickHouse.reduce((sum, result) => sum + result.droppedProfiles, 0)).toBe(48 - MAX_PROFILES_PER_VIEW);
    const sorted = <T>(rows: T[]) => rows.map((row) => JSON.stringify(row)).sort();
    const queries = [
      { site, kind: 'window' as const },
      { site, kind: 'window' as const, release: 'web-1' },
      { site, kind: 'interaction' as const, name: 'click', id: 7 },
      { site, kind: 'interaction' as const, page: crowded.url, from: now - 3_600_000 },
    ];
    for (const query of queries) {
      expect(sorted(await storage.profiles.stacks(query)), JSON.stringify(query)).toEqual(sorted(await sqlite.profiles.stacks(query)));
      expect(sorted(await storage.profiles.functions(query)), JSON.stringify(query)).toEqual(sorted(await sqlite.profiles.functions(query)));
      expect(await storage.profiles.targets(query), JSON.stringify(query)).toEqual(await sqlite.profiles.targets(query));
    }
    expect((await storage.profiles.stacks(queries[0] as (typeof queries)[0])).length).toBeGreaterThan(0);
    await sqlite.close();
  });

  it('stores only what is missing of a batch whose earlier try stopped after some of its tables', async () => {
    const clickhouse = connectClickHouse(parseClickHouseUrl(url));
    try {
      const beacon = makeBeacon({ site: 'half' });
      const rows = toClickHouseRows({ beacon, receivedAt: Date.now() });
      // What a collector killed mid-flush leaves: its try recorded, the events written, nothing else.
      await clickhouse.insert(sql`adapter.batches`, [{ ...rows.batch, state: 0 }]);
      await clickhouse.insert(sql`adapter.events`, rows.events);
      expect(await storage.insertBeacons([{ beacon, receivedAt: Date.now() }])).toEqual([{ duplicate: false, rows: 13, droppedProfiles: 0 }]);
      expect((await storage.recentViews('half', {}, 10)).map((view) => view.events)).toEqual([13]);
      expect(await siteEvents(storage, 'half')).toHaveLength(13);
      expect((await storage.frameScripts('half', {}, 10)).map((script) => script.count)).toEqual([1, 1]);
      expect((await storage.insertBeacons([{ beacon, receivedAt: Date.now() }]))[0]?.duplicate).toBe(true);
    } finally {
      await clickhouse.close();
    }
  });
});
