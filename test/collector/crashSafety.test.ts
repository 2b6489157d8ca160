import { describe, expect, it } from 'vitest';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { delivery, viewsWithEvents } from '../support/queryApi.js';
import { streamBeacons } from '../support/streamBeacons.js';

const viewIdsOf = (stream: ReturnType<typeof streamBeacons>) => stream.acknowledged.map((beacon) => beacon.view.id);

/** What a collector started again on the stopped one's database answers: each page view's events, and the batches received. */
async function storedIn(stopped: CollectorProcess) {
  const restarted = await startCollector({ dbFile: stopped.dbFile });
  try {
    const views = await viewsWithEvents(restarted);
    return { events: new Map(views.map(({ view, events }) => [view.id, events.length])), batches: (await delivery(restarted)).batches };
  } finally {
    await restarted.stop();
  }
}
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe.each([
  ['writer thread', []],
  ['--inline-writes', ['--inline-writes']],
])('durability of acknowledged beacons, %s', (_name, writes) => {
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

    const { events } = await storedIn(collector);
    // Each acknowledged beacon whole: its view with all 13 events.
    expect(viewIdsOf(stream).filter((id) => events.get(id) !== 13)).toEqual([]);
    expect(stream.acknowledged.length).toBeGreaterThanOrEqual(300);
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
    const { events, batches } = await storedIn(collector);
    expect(viewIdsOf(stream).filter((id) => events.get(id) !== 13)).toEqual([]);
    // And every beacon it stored whole, each batch with its view.
    expect(new Set(events.values())).toEqual(new Set([13]));
    expect(batches).toBe(events.size);
  });
});
