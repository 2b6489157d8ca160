import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { type CollectorProcess, startCollector } from '../support/collectorProcess.js';
import { makeBeacon } from '../support/beacons.js';
import { postBeacon } from '../support/httpPost.js';
import { streamBeacons } from '../support/streamBeacons.js';

describe.skipIf(!clickhouseInstalled())('pageprof serve --storage clickhouse:URL', () => {
  let servers: ClickHouseServers;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 1, replicas: 1, zookeeper: false });
  }, 60_000);
  afterAll(async () => servers?.stop());

  it('keeps every acknowledged beacon when the collector is killed with SIGKILL mid-stream', async () => {
    const url = `${servers.nodes[0]?.url}/served`;
    const collector = await startCollector({ storage: `clickhouse:${url}`, args: ['--rate-ip', '0', '--rate-site', '0'] });
    expect(collector.output()).toContain('(ClickHouse: 127.0.0.1:');
    const stream = streamBeacons(collector);
    while (stream.acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    await collector.stop('SIGKILL');
    await stream.stop();

    const storage = await openClickHouseStorage(url);
    try {
      const stored = new Map((await storage.recentViews('demo', {}, 100_000)).map((view) => [view.id, view.events]));
      expect(stream.acknowledged.filter((beacon) => stored.get(beacon.view.id) !== 13).map((beacon) => beacon.id)).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});

describe.skipIf(!clickhouseInstalled())('two pageprof serve on one cluster: a per-site rate limit holds across them', () => {
  let servers: ClickHouseServers;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 2, replicas: 1, zookeeper: true });
  }, 60_000);
  afterAll(async () => servers?.stop());

  it("each takes its share of the site's limit, counting the collectors as they come and go", async () => {
    const storage = `clickhouse:${servers.nodes[0]?.url}/limits?cluster=${servers.cluster}&zookeeper=${servers.zookeeper}`;
    const start = () => startCollector({ storage, args: ['--rate-ip', '0', '--rate-site', '20'] });
    /** Posts `count` beacons, one collector after the other: how many were stored, how many refused for the site's rate. */
    const post = async (collectors: CollectorProcess[], count: number) => {
      const answers = await Promise.all(Array.from({ length: count }, (_, i) => postBeacon(collectors[i % collectors.length]?.origin ?? '', makeBeacon())));
      return { stored: answers.filter((answer) => answer.status === 200).length, limited: answers.filter((answer) => answer.status === 429).length };
    };
    const running: CollectorProcess[] = [];
    try {
      running.push(await start(), await start());
      // 20 a minute for the site: 10 on each of two collectors, not 20 on each.
      expect(await post(running, 40)).toEqual({ stored: 20, limited: 20 });
      running.push(await start());
      expect(await post(running.slice(2), 20)).toEqual({ stored: 7, limited: 13 });
      // Two leave (their ZooKeeper sessions close with them); one more comes: two share the limit again.
      for (const gone of running.splice(1, 2)) await gone.stop();
      running.push(await start());
      expect(await post(running.slice(1), 20)).toEqual({ stored: 10, limited: 10 });
    } finally {
      await Promise.all(running.map((collector) => collector.stop()));
    }
  });
});
