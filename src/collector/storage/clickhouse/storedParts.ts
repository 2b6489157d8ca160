import { batchTuples } from './batchTuples.js';
import type { ClickHouse } from './connectClickHouse.js';
import { sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';
import { keyOf, type BatchKey } from './toClickHouseRows.js';

/** The tables a beacon's rows go to, each written by one insert per flush. */
export const BEACON_TABLES = ['events', 'views', 'frame_scripts', 'profile_samples', 'profile_functions'] as const;
export type BeaconTable = (typeof BEACON_TABLES)[number];

/**
 * For batches whose earlier try did not finish: the tables that already hold their rows. A
 * flush writes each table in one insert, so a table holds all of a batch's rows or none; the
 * retry writes the others. Each table is scanned for the ids (none is sorted by batch), which
 * is paid only after a collector died or an insert failed.
 */
export async function storedParts(clickhouse: ClickHouse, layout: TableLayout, keys: readonly BatchKey[]): Promise<Map<string, Set<BeaconTable>>> {
  const found = new Map<string, Set<BeaconTable>>(keys.map((key) => [keyOf(key), new Set()]));
  if (keys.length === 0) return found;
  await Promise.all(
    BEACON_TABLES.map(async (table) => {
      const rows = await clickhouse.query<{ site: string; batch_id: string }>(
        sql`SELECT DISTINCT site, batch_id FROM ${layout.table(table)} WHERE ${batchTuples(keys)}`,
      );
      for (const row of rows) found.get(keyOf({ site: row.site, batchId: row.batch_id, viewStartedAt: 0 }))?.add(table);
    }),
  );
  return found;
}
