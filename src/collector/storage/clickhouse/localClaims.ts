import type { BatchClaims, Claim } from './BatchClaims.js';
import { batchTuples } from './batchTuples.js';
import type { ClickHouse } from './connectClickHouse.js';
import { sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';
import { dayOf, keyOf, type BatchKey } from './toClickHouseRows.js';

/**
 * Claims for one collector on one server without ZooKeeper. The batches being stored are held in
 * this process; `batches` records a try (state 0) before any row of it is written and the
 * stored batch (state 1) after every row is, so that after a crash a retry knows whether it is
 * new, half-stored or stored. Two collectors on one server would each believe they hold a batch:
 * several collectors need ZooKeeper (zooKeeperClaims.ts).
 */
export function localClaims(clickhouse: ClickHouse, layout: TableLayout): BatchClaims {
  const held = new Set<string>();
  const batches = layout.table('batches');
  const release = async (keys: readonly BatchKey[]) => {
    for (const key of keys) held.delete(keyOf(key));
  };
  return {
    async claim(keys) {
      const free = keys.filter((key) => !held.has(keyOf(key)));
      const states = new Map<string, number>();
      if (free.length > 0) {
        const rows = await clickhouse.query<{ site: string; batch_id: string; state: number }>(
          sql`SELECT site, batch_id, max(state) AS state FROM ${batches} WHERE ${batchTuples(free)} GROUP BY site, batch_id`,
        );
        for (const row of rows) states.set(keyOf({ site: row.site, batchId: row.batch_id, viewStartedAt: 0 }), row.state);
      }
      const claims: Claim[] = keys.map((key) => {
        const id = keyOf(key);
        if (held.has(id)) return 'busy';
        const state = states.get(id);
        if (state === 1) return 'duplicate';
        held.add(id);
        return state === 0 ? 'retry' : 'new';
      });
      const now = Date.now();
      const tries = keys.filter((_, i) => claims[i] === 'new');
      try {
        await clickhouse.insert(
          batches,
          tries.map(({ site, batchId }) => ({ site, day: dayOf(now), received_at: now, batch_id: batchId, view_id: '', dropped: 0, state: 0 })),
        );
      } catch (error) {
        await release(keys.filter((_, i) => claims[i] === 'new' || claims[i] === 'retry'));
        throw error;
      }
      return claims;
    },
    // The stored rows (state 1) went in with the batch's data (createInsertQueue.ts).
    stored: release,
    release,
    // The tries' rows go with their day's partition.
    forgetBefore: async () => {},
    collectors: () => 1,
    close: async () => {},
  };
}
