import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClickHouseStorage } from '../../src/collector/storage/clickhouse/openClickHouseStorage.js';
import { clickhouseInstalled } from '../support/clickhouse/clickhouseInstalled.js';
import { startClickHouse, type ClickHouseServers } from '../support/clickhouse/startClickHouse.js';
import { startCollector } from '../support/collectorProcess.js';
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
