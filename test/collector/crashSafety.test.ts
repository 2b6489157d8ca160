import { describe, expect, it } from 'vitest';
import { makeBeacon } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { queryDatabase } from '../support/database.js';
import { postBeacon } from '../support/httpPost.js';

/**
 * Several clients post beacons as fast as they can until the collector goes away; returns the
 * ids it acknowledged with a 2xx. A long flush interval keeps many beacons waiting for their
 * commit at any moment, so acknowledging before the commit would lose some.
 */
function streamBeacons(collector: CollectorProcess, clients = 32) {
  const acknowledged: string[] = [];
  let running = true;
  const client = async () => {
    while (running) {
      const beacon = makeBeacon();
      try {
        const answer = await postBeacon(collector.origin, beacon);
        if (answer.status >= 200 && answer.status < 300) acknowledged.push(beacon.id);
      } catch {
        running = false;
      }
    }
  };
  const done = Promise.all(Array.from({ length: clients }, client));
  return { acknowledged, stop: async () => ((running = false), await done) };
}

const storedIds = (dbFile: string) => new Set(queryDatabase<{ id: string }>(dbFile, 'SELECT id FROM batches').map((row) => row.id));
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe.each([['writer thread', []], ['--inline-writes', ['--inline-writes']]])('durability of acknowledged beacons, %s', (_name, writes) => {
  const args = (flushMs: number) => ['--flush-ms', String(flushMs), '--rate-ip', '0', '--rate-site', '0', ...writes];

  it('keeps every acknowledged beacon when the collector is killed with SIGKILL mid-stream', async () => {
    const collector = await startCollector({ args: args(100) });
    const stream = streamBeacons(collector);
    try {
      await until(() => stream.acknowledged.length >= 300);
    } finally {
      await collector.stop('SIGKILL');
      await stream.stop();
    }

    const restarted = await startCollector({ dbFile: collector.dbFile });
    try {
      const stored = storedIds(restarted.dbFile);
      expect(stream.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
      expect(stream.acknowledged.length).toBeGreaterThanOrEqual(300);
    } finally {
      await restarted.stop();
    }
  });

  it('answers and stores every beacon it took when stopped with SIGTERM, then exits 0', async () => {
    const collector = await startCollector({ args: args(200) });
    const stream = streamBeacons(collector);
    try {
      await until(() => stream.acknowledged.length >= 200);
      const exited = new Promise<number | null>((resolve) => collector.process.once('exit', resolve));
      collector.process.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      await collector.stop('SIGKILL');
      await stream.stop();
    }
    const stored = storedIds(collector.dbFile);
    expect(stream.acknowledged.filter((id) => !stored.has(id))).toEqual([]);
    const { events } = queryDatabase<{ events: number }>(collector.dbFile, 'SELECT count(*) AS events FROM events')[0] ?? { events: 0 };
    expect(events).toBe(stored.size * 13);
  });
});
