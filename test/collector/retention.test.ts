import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { startCollector } from '../support/collectorProcess.js';
import { eventually, queryDatabase } from '../support/database.js';
import { httpRequest } from '../support/httpPost.js';

const DAY = 86_400_000;

describe('retention in the running collector', () => {
  it('deletes data older than --retention-days soon after start, keeps the rest, and counts it in /metrics', async () => {
    const dbFile = join(mkdtempSync(join(tmpdir(), 'pageprof-retention-')), 'old.db');
    const now = Date.now();
    const old = makeBeacon({ view: makeView({ startedAt: now - 10 * DAY }) });
    const young = makeBeacon({ view: makeView({ startedAt: now - DAY / 2 }) });
    const storage = openSqliteStorage(dbFile);
    await storage.insertBeacons([
      { beacon: old, receivedAt: now - 10 * DAY },
      { beacon: young, receivedAt: now - DAY / 2 },
    ]);
    await storage.close();

    const collector = await startCollector({ dbFile, args: ['--retention-days', '3'] });
    try {
      const batches = await eventually(
        () => queryDatabase<{ id: string }>(dbFile, 'SELECT id FROM batches').map((row) => row.id),
        (ids) => ids.length === 1,
      );
      expect(batches).toEqual([young.id]);
      expect(queryDatabase<{ n: number }>(dbFile, 'SELECT count(DISTINCT batch_id) AS n FROM events')[0]?.n).toBe(1);
      const metrics = await collector.metrics();
      expect(metrics).toContain('pageprof_retention_deleted_total{table="events"} 13');
    } finally {
      await collector.stop();
    }
  });
});
