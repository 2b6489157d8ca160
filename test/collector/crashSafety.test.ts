import { describe, expect, it } from 'vitest';
import { startCollector } from '../support/collectorProcess.js';
import { queryDatabase } from '../support/database.js';
import { streamBeacons } from '../support/streamBeacons.js';

const idsOf = (stream: ReturnType<typeof streamBeacons>) => stream.acknowledged.map((beacon) => beacon.id);

const storedIds = (dbFile: string) => new Set(queryDatabase<{ id: string }>(dbFile, 'SELECT id FROM batches').map((row) => row.id));
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe.each([['writer thread', []], ['--inline-writes', ['--inline-writes']]])('durability of acknowledged beacons, %s', (_name, writes) => {
  // A long flush interval keeps many beacons waiting for their commit at any moment, so acknowledging before the commit would lose some.
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
      expect(idsOf(stream).filter((id) => !stored.has(id))).toEqual([]);
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
    expect(idsOf(stream).filter((id) => !stored.has(id))).toEqual([]);
    const { events } = queryDatabase<{ events: number }>(collector.dbFile, 'SELECT count(*) AS events FROM events')[0] ?? { events: 0 };
    expect(events).toBe(stored.size * 13);
  });
});
