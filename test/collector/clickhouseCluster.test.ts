import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import type { Storage } from '../../src/collector/storage/Storage.js';
import { type ClickHouse, connectClickHouse } from '../../src/collector/storage/clickhouse/connectClickHouse.js';
import { migrations } from '../../src/collector/storage/clickhouse/migrations.js';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { parseClickHouseUrl } from '../../src/collector/storage/clickhouse/parseClickHouseUrl.js';
import { identifier, sql } from '../../src/collector/storage/clickhouse/sql.js';
import { type Step, type TableLayout, tableLayout } from '../../src/collector/storage/clickhouse/tableLayout.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { eventually } from '../support/eventually.js';
import { siteEvents } from '../support/siteEvents.js';

const installed = clickhouseInstalled();
const received = (beacons: Beacon[]) => beacons.map((beacon) => ({ beacon, receivedAt: Date.now() }));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Events and distinct views the query API sees for the demo site. */
const counted = async (storage: Storage) => {
  const views = await storage.recentViews('demo', {}, 10_000);
  return { views: views.length, events: views.reduce((sum, view) => sum + view.events, 0), stored: (await siteEvents(storage, 'demo')).length };
};
/** A database as an older release left it: its first `version` migrations, recorded as done. */
async function migrateTo(clickhouse: ClickHouse, layout: TableLayout, version: number): Promise<void> {
  const run = (step: Step) => (typeof step === 'function' ? step(clickhouse) : clickhouse.command(step));
  await clickhouse.command(layout.createDatabase());
  for (const step of layout.global('schema_migrations', { columns: 'version UInt32, applied_at DateTime', engine: 'MergeTree', orderBy: 'version' }))
    await run(step);
  for (const migration of migrations.slice(0, version)) for (const step of migration(layout).flat()) await run(step);
  await clickhouse.insert(layout.table('schema_migrations'), [{ version, applied_at: 0 }]);
}
const urlOf = (servers: ClickHouseServers, node: number, database: string) =>
  `${servers.nodes[node]?.url}/${database}?cluster=${servers.cluster}&zookeeper=${servers.zookeeper}`;

describe.skipIf(!installed)('ClickHouse, two collectors on two shards: every batch once', () => {
  let servers: ClickHouseServers;
  let collectors: Storage[] = [];
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 2, replicas: 1, zookeeper: true });
    // Two collectors, as two `pageprof serve` behind a load balancer: each its own client and ZooKeeper session, on its own server.
    collectors = [await openClickHouseStorage(urlOf(servers, 0, 'once'), { flushMs: 0 })];
    collectors.push(await openClickHouseStorage(urlOf(servers, 1, 'once'), { flushMs: 0 }));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(collectors.map((collector) => collector.close()));
    await servers?.stop();
  });

  it('counts a batch posted to both collectors at once once, in every answer at every moment', async () => {
    const [a, b] = collectors as [Storage, Storage];
    const beacons = Array.from({ length: 40 }, () => makeBeacon({ view: makeView({ startedAt: Date.now() - 3_600_000 }) }));
    // Never counted twice: no view in any answer with more than its beacon's 13 events, at any moment.
    let watching = true;
    let most = 0;
    const watcher = (async () => {
      while (watching) {
        const [views, events] = await Promise.all([a.recentViews('demo', {}, 10_000), siteEvents(b, 'demo')]);
        const perView = new Map<string, number>();
        for (const event of events) perView.set(event.viewId, (perView.get(event.viewId) ?? 0) + 1);
        most = Math.max(most, ...views.map((view) => view.events), ...perView.values());
        await sleep(20);
      }
    })();
    const results = await Promise.all(beacons.flatMap((beacon) => [a.insertBeacons(received([beacon])), b.insertBeacons(received([beacon]))]));
    watching = false;
    await watcher;
    for (let i = 0; i < beacons.length; i++) {
      expect([results[2 * i]?.[0]?.duplicate, results[2 * i + 1]?.[0]?.duplicate].sort()).toEqual([false, true]);
    }
    expect(most, 'the most events a view had at some moment').toBe(13);
    for (const collector of collectors) expect(await counted(collector)).toEqual({ views: 40, events: 40 * 13, stored: 40 * 13 });
  });

  it('migrates a version-2 database on the cluster: old profile rows answer as estimated, new rows fill the new columns through Distributed', async () => {
    const target = parseClickHouseUrl(urlOf(servers, 0, 'version2'));
    const clickhouse = connectClickHouse(target);
    const layout = tableLayout(target);
    try {
      await migrateTo(clickhouse, layout, 2);
      const at = Date.now() - 3_600_000;
      const day = new Date(at).toISOString().slice(0, 10);
      // A window of protocol 1 as version 2 stored it: times only, no counts.
      await clickhouse.insert(sql`version2.profile_samples`, [
        {
          site: 'demo',
          day,
          at,
          batch_id: 'b1',
          view_id: 'v1',
          page: 'https://shop.example/',
          route: null,
          release: 'web-1',
          target_kind: 'window',
          target_name: '',
          target_start: 0,
          interaction_id: null,
          stack: '',
          ms: 120,
        },
      ]);
      const storage = await openClickHouseStorage(urlOf(servers, 1, 'version2'));
      try {
        expect(await storage.profiles.stacks({ site: 'demo', kind: 'window' })).toEqual([
          { release: 'web-1', frames: [], ms: 120, samples: 0, estimated: true },
        ]);
        const beacon = makeBeacon({ view: makeView({ startedAt: at }) });
        await storage.insertBeacons(received([beacon]));
        expect((await storage.vitalTargets('demo', {}, 5)).map((row) => row.vital)).toEqual(['CLS', 'INP', 'LCP']);
        expect((await storage.navigationPhases('demo', {})).length).toBeGreaterThan(0);
        expect((await storage.view('demo', beacon.view.id, 0, 100))?.events).toHaveLength(13);
      } finally {
        await storage.close();
      }
      const [version] = await clickhouse.query<{ version: number }>(sql`SELECT max(version) AS version FROM version2.schema_migrations`);
      expect(version?.version).toBe(migrations.length);
    } finally {
      await clickhouse.close();
    }
  });

  it('counts a retry that reaches the other collector after 120 other inserts once, also inside another batch', async () => {
    const [a, b] = collectors as [Storage, Storage];
    const before = await counted(a);
    const retried = makeBeacon();
    expect((await a.insertBeacons(received([retried])))[0]?.duplicate).toBe(false);
    // Past 18.16's replicated dedupe window of 100 inserts per table, and in a block of its own.
    for (let i = 0; i < 120; i++) await a.insertBeacons(received([makeBeacon({ site: 'other' })]));
    const fresh = makeBeacon();
    expect((await b.insertBeacons(received([fresh, retried]))).map((result) => result.duplicate)).toEqual([false, true]);
    const after = await counted(b);
    expect(after).toEqual({ views: before.views + 2, events: before.events + 26, stored: before.stored + 26 });
  }, 120_000);
});

/**
 * Runs a test's body again, once, when a server crashed during it and was restarted: ClickHouse
 * 18.16 segfaults now and then in zkutil::ZooKeeper::createImpl, most often while a session is
 * erased on replicas (3 of the last 6 clean-clone CI runs). A client of a real, supervised
 * deployment asks again too. A failure without a crash fails at once.
 */
async function againAfterCrash(servers: ClickHouseServers, body: () => Promise<void>): Promise<void> {
  const crashes = () => servers.nodes.reduce((sum, node) => sum + node.crashes, 0);
  const before = crashes();
  try {
    await body();
  } catch (error) {
    if (crashes() === before) throw error;
    console.error(`a ClickHouse server crashed during the test (${String(error)}): once more, now that it serves again`);
    await Promise.all(servers.nodes.map((node) => node.restarted()));
    await body();
  }
}

describe.skipIf(!installed)('ClickHouse, one shard on two replicas: a replica killed during ingest', () => {
  let servers: ClickHouseServers;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 1, replicas: 2, zookeeper: true });
  }, 60_000);
  // A server that crashed in the test before is serving again before the next begins.
  beforeEach(() => Promise.all(servers.nodes.map((node) => node.restarted())).then(() => undefined), 60_000);
  afterAll(async () => servers?.stop());

  it(
    'erases a session on both replicas before the erasure answers',
    () =>
      againAfterCrash(servers, async () => {
        const storage = await openClickHouseStorage(urlOf(servers, 0, 'erasure'));
        const replica = connectClickHouse(parseClickHouseUrl(urlOf(servers, 1, 'erasure')));
        const tables = ['events_local', 'views_local', 'batches_local'].map((table) => sql`erasure.${identifier(table)}`);
        try {
          const session = makeView().session;
          const erased = [1, 2].map(() => makeBeacon({ view: makeView({ session }) }));
          const kept = makeBeacon();
          await storage.insertBeacons(received([...erased, kept]));
          for (const table of tables) await replica.command(sql`SYSTEM SYNC REPLICA ${table}`);
          const rowsOn = async (view: string) => {
            const [found] = await replica.query<Record<string, number>>(
              sql`SELECT (SELECT count() FROM erasure.events_local WHERE view_id = ${view}) AS events,
                     (SELECT count() FROM erasure.views_local WHERE view_id = ${view}) AS views,
                     (SELECT count() FROM erasure.batches_local WHERE view_id = ${view}) AS batches`,
            );
            return found;
          };
          expect(await rowsOn(erased[0]?.view.id ?? '')).toEqual({ events: 13, views: 1, batches: 1 });
          // The second replica applies mutations as merges: stopped, it holds the erased rows until they start again.
          for (const table of tables) await replica.command(sql`SYSTEM STOP MERGES ${table}`);
          let answered = false;
          const erasure = storage.erase('demo', { session }).finally(() => (answered = true));
          await sleep(3000);
          expect(answered, 'answered while a replica still held the rows').toBe(false);
          for (const table of tables) await replica.command(sql`SYSTEM START MERGES ${table}`);
          expect(await erasure).toEqual({ views: 2, events: 26 });
          // At once, on the replica the erasure was not sent to: no row of the session's views.
          for (const beacon of erased) expect(await rowsOn(beacon.view.id)).toEqual({ events: 0, views: 0, batches: 0 });
          expect(await rowsOn(kept.view.id)).toEqual({ events: 13, views: 1, batches: 1 });
        } finally {
          await replica.close();
          await storage.close();
        }
      }),
    120_000,
  );

  it('loses nothing: every acknowledged beacon is stored once, and the killed replica catches up', async () => {
    const storage = await openClickHouseStorage(urlOf(servers, 0, 'failover'));
    const [, victim] = servers.nodes;
    // The victim holds the tables before it is killed: in one clean-clone CI run the restarted
    // replica had no failover.views_local for 40 s, as if the schema's ON CLUSTER statements had
    // not reached it yet when it was killed.
    const schemaOnVictim = connectClickHouse(parseClickHouseUrl(urlOf(servers, 1, 'failover')));
    await eventually(
      () =>
        schemaOnVictim
          .query<{ n: number }>(
            sql`SELECT count() AS n FROM system.tables WHERE database = 'failover' AND name IN ('events_local', 'views_local', 'value_hours_local')`,
          )
          .then(
            ([found]) => found?.n ?? 0,
            () => 0,
          ),
      (tables) => tables === 2,
      30_000,
    );
    await schemaOnVictim.close();
    const beacons = Array.from({ length: 90 }, () => makeBeacon());
    let failed = 0;
    // Three beacons every 50 ms; a refused one is sent again, as the page's outbox does.
    const ingest = Promise.all(
      Array.from({ length: 30 }, async (_, i) => {
        await sleep(50 * i);
        const mine = beacons.slice(3 * i, 3 * i + 3);
        for (;;) {
          try {
            return await storage.insertBeacons(received(mine));
          } catch {
            failed++;
            await sleep(200);
          }
        }
      }),
    );
    await sleep(400);
    await victim?.kill();
    await sleep(600);
    // As a supervisor would: on a busy machine the restarted replica sometimes exits at start
    // (code 70, creating a Replicated table from its metadata without a ZooKeeper session yet, or
    // while ZooKeeper still holds the killed one's: "appears to be already active"). Tried again
    // for two of its sessions' timeouts (10 s, writeServerConfig.ts): 5 tries in 1 s steps, 16 s
    // in all, were not enough in a clean-clone CI run.
    const trying = Date.now();
    for (;;) {
      try {
        await victim?.start();
        break;
      } catch (error) {
        if (Date.now() - trying > 20_000) throw error;
        await sleep(1000);
      }
    }
    const results = (await ingest).flat();
    expect(results.filter((result) => !result.duplicate)).toHaveLength(90);
    expect(await counted(storage)).toEqual({ views: 90, events: 90 * 13, stored: 90 * 13 });
    await storage.close();

    // The restarted replica, asked alone, fetches every part it missed. SYNC REPLICA pulls its
    // queue at once, but once returned with 12 beacons' events still to fetch (the busy machine of
    // a full npm test): the answer is polled until the replica's old session has long expired.
    const replica = connectClickHouse(parseClickHouseUrl(urlOf(servers, 1, 'failover')));
    const started = Date.now();
    // A refused connection is asked again too: in full npm test runs the restarted replica once
    // refused one (ECONNREFUSED) without having exited; one that stays away fails after 40 s.
    const local = await eventually(
      async () => {
        try {
          for (const table of ['events_local', 'views_local']) await replica.command(sql`SYSTEM SYNC REPLICA failover.${identifier(table)}`);
          const [found] = await replica.query<{ events: number; views: number }>(
            sql`SELECT (SELECT count() FROM failover.events_local) AS events, (SELECT uniqExact(view_id) FROM failover.views_local) AS views`,
          );
          return found;
        } catch (error) {
          return { error: String(error) };
        }
      },
      (found) => found !== undefined && 'events' in found && found.events === 90 * 13 && found.views === 90,
      40_000,
    );
    await replica.close();
    expect(local).toEqual({ events: 90 * 13, views: 90 });
    console.log(`replica kill: ${failed} insert calls refused and sent again; the replica caught up ${Date.now() - started} ms after ingest`);
  }, 120_000);
});
