import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ViewProfile, VitalSummary } from '../../src/protocol/queryRoutes.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { delivery, queryApi, viewsWithEvents, type Queryable } from '../support/queryApi.js';

const run = promisify(execFile);
const pageprof = async (...args: string[]) => (await run(process.execPath, [join(projectRoot, 'dist/cli.mjs'), ...args])).stdout;

const ALL_TIME = 'from=0&to=8640000000000000';

/**
 * What the query API answers that a copy must answer too: each view with its events (in any
 * order) and profile windows, vitals, delivery, and the profiles' functions, targets and trees.
 */
async function answers(collector: Queryable) {
  const views = await Promise.all(
    (await viewsWithEvents(collector)).map(async ({ view, events }) => ({
      view,
      events: events.map((event) => JSON.stringify(event)).sort(),
      profiles: (await queryApi<{ profiles: ViewProfile[] }>(collector, `views/${encodeURIComponent(view.id)}/profiles`)).profiles,
    })),
  );
  const { vitals } = await queryApi<{ vitals: VitalSummary[] }>(collector, `vitals?${ALL_TIME}`);
  const profiles = await Promise.all(
    ['profiles/functions?kind=window', 'profiles/functions?kind=interaction&name=click', 'profiles/targets?', 'profiles/tree?kind=window'].map((route) =>
      queryApi(collector, `${route}&${ALL_TIME}`),
    ),
  );
  return {
    views: views.sort((a, b) => a.view.id.localeCompare(b.view.id)),
    vitals: vitals.map(({ name, count, p75, good }) => ({ name, count, p75: Number(p75.toFixed(6)), good: Number(good.toFixed(6)) })),
    delivery: await delivery(collector),
    profiles,
  };
}

describe.skipIf(!clickhouseInstalled())('pageprof migrate --from sqlite:PATH --to clickhouse:URL', () => {
  let servers: ClickHouseServers;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 1, replicas: 1, zookeeper: false });
  }, 60_000);
  afterAll(async () => servers?.stop());

  it('copies every batch once, run twice: the copy answers as the SQLite collector did', async () => {
    const sqlite = await startCollector({ args: ['--rate-ip', '0', '--rate-site', '0'] });
    // Views of two beacons each, one beacon with drops reported, and a retry that is a duplicate.
    // Profile windows: one in a view's second beacon (the copy carries it in the first), two in
    // one beacon, each window with its click span.
    const views = Array.from({ length: 6 }, () => makeView());
    const beacons = views.flatMap((view) => [makeBeacon({ view }), makeBeacon({ view })]);
    beacons.push(makeBeacon({ dropped: 3 }));
    const window = (fn: string, start: number) => ({ ...makeProfileEvent(fn), start });
    beacons[1]?.events.push(window('addToCart', 100));
    beacons[4]?.events.push(window('renderCart', 100), window('addToCart', 3000));
    const windows = 3;
    for (const beacon of [...beacons, beacons[0]]) expect((await postBeacon(sqlite.origin, beacon)).status).toBeLessThan(300);
    await sqlite.stop();

    const url = `${servers.nodes[0]?.url}/migrated`;
    const events = beacons.reduce((sum, beacon) => sum + beacon.events.length, 0) - windows;
    const first = await pageprof('migrate', '--from', `sqlite:${sqlite.dbFile}`, '--to', `clickhouse:${url}`);
    expect(first).toContain(`copied ${beacons.length} batches (${events} events, ${windows} profile windows) to ClickHouse 127.0.0.1:`);
    expect(first).toContain('; 0 were there already');
    const second = await pageprof('migrate', '--from', `sqlite:${sqlite.dbFile}`, '--to', `clickhouse:${url}`);
    expect(second).toContain(`copied 0 batches (0 events, 0 profile windows)`);
    expect(second).toContain(`; ${beacons.length} were there already`);

    const collectors: CollectorProcess[] = [];
    try {
      collectors.push(await startCollector({ dbFile: sqlite.dbFile }), await startCollector({ storage: `clickhouse:${url}` }));
      const [before, copied] = await Promise.all(collectors.map(answers));
      expect(copied?.views).toHaveLength(7);
      expect(copied?.delivery).toMatchObject({ batches: beacons.length, dropped: 3 });
      expect(copied?.views.flatMap((view) => view.profiles).filter((profile) => profile.kind === 'window')).toHaveLength(windows);
      expect(JSON.stringify(copied?.profiles)).toContain('renderCart');
      expect(copied).toEqual(before);
    } finally {
      await Promise.all(collectors.map((collector) => collector.stop()));
    }
  });

  it('says in one line what it needs', async () => {
    const failed = await pageprof('migrate', '--from', 'sqlite:/tmp/no-such-pageprof.db', '--to', 'clickhouse:http://127.0.0.1:1/x').catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed).toMatchObject({ code: 2, stderr: 'pageprof migrate: no SQLite file /tmp/no-such-pageprof.db\n' });
    const backwards = await pageprof('migrate', '--from', 'clickhouse:http://127.0.0.1:1/x', '--to', 'sqlite:x.db').catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(backwards).toMatchObject({ code: 2, stderr: 'pageprof migrate: copies from sqlite:PATH to clickhouse:URL only\n' });
  });
});
