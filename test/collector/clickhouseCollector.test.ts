import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { makeBeacon } from '../support/beacons.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { startCollector } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';

describe.skipIf(!clickhouseInstalled())('pageprof serve --storage clickhouse:URL', () => {
  let servers: ClickHouseServers;
  beforeAll(async () => {
    servers = await startClickHouse({ shards: 1, replicas: 1, zookeeper: false });
  }, 60_000);
  afterAll(async () => servers?.stop());

  it('keeps every acknowledged beacon when the collector is killed with SIGKILL mid-stream', async () => {
    const url = `${servers.nodes[0]?.url}/served`;
    const collector = await startCollector({ args: ['--storage', `clickhouse:${url}`, '--rate-ip', '0', '--rate-site', '0'] });
    expect(collector.output()).toContain('(ClickHouse: 127.0.0.1:');
    const acknowledged: string[] = [];
    let running = true;
    const client = async () => {
      while (running) {
        const beacon = makeBeacon();
        try {
          const answer = await postBeacon(collector.origin, beacon);
          if (answer.status === 200) acknowledged.push(beacon.view.id);
        } catch {
          running = false;
        }
      }
    };
    const clients = Promise.all(Array.from({ length: 32 }, client));
    while (acknowledged.length < 300) await new Promise((resolve) => setTimeout(resolve, 20));
    await collector.stop('SIGKILL');
    running = false;
    await clients;

    const storage = await openClickHouseStorage(url);
    try {
      const stored = new Map((await storage.recentViews('demo', {}, 100_000)).map((view) => [view.id, view.events]));
      expect(acknowledged.filter((id) => stored.get(id) !== 13)).toEqual([]);
    } finally {
      await storage.close();
    }
  });
});
