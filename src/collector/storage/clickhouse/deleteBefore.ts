import type { Removed } from '../Storage.js';
import type { BatchClaims } from './BatchClaims.js';
import type { ClickHouse } from './connectClickHouse.js';
import { EVENT_OFFSET_MS } from './filterConditions.js';
import { Sql, sql } from './sql.js';
import type { sourceMapStore } from './sourceMapStore.js';
import type { TableLayout } from './tableLayout.js';
import { dayOf } from './toClickHouseRows.js';

/** Each sharded table, the column its time is in, and how long its rows outlive the cutoff. */
const TABLES = [
  ['events', 'at', 0],
  ['frame_scripts', 'at', 0],
  ['profile_samples', 'at', 0],
  ['profile_functions', 'at', 0],
  ['batches', 'received_at', 0],
  ['views', 'started_at', EVENT_OFFSET_MS],
] as const;

/**
 * Retention without TTL (18.16 has none) and without row deletes (mutations are asynchronous):
 * the new cutoff is recorded, and from then on every query leaves out the rows before it (events
 * by their time, views a day later, batches by when they were received, as SQLite deletes them);
 * whole days before it are dropped as partitions, on every server of the cluster. What the
 * answer counts as removed is what stopped being counted between the previous cutoff and this one.
 */
export async function deleteBefore(
  clickhouse: ClickHouse,
  layout: TableLayout,
  { previous, cutoff, claims, sourceMaps }: { previous: number; cutoff: number; claims: BatchClaims; sourceMaps: ReturnType<typeof sourceMapStore> },
): Promise<Removed> {
  const removed: Removed = { batches: 0, views: 0, events: 0, sourceMaps: 0 };
  if (cutoff > previous) {
    const between = (column: string, offset: number) => sql`${new Sql(column)} >= ${previous - offset} AND ${new Sql(column)} < ${cutoff - offset}`;
    const count = async (query: Sql) => (await clickhouse.query<{ n: number }>(query))[0]?.n ?? 0;
    // A profile window's rows are its events' detail: they go with them, counted as events (as SQLite counts them).
    const eventRows = (table: string) => count(sql`SELECT count() AS n FROM ${layout.table(table)} WHERE ${between('at', 0)}`);
    const [events, samples, functions, views, batches] = await Promise.all([
      eventRows('events'),
      eventRows('profile_samples'),
      eventRows('profile_functions'),
      count(sql`SELECT uniqExact(site, view_id) AS n FROM ${layout.table('views')} WHERE ${between('started_at', EVENT_OFFSET_MS)}`),
      count(sql`SELECT count() AS n FROM ${layout.table('batches')} WHERE state = 1 AND ${between('received_at', 0)}`),
    ]);
    Object.assign(removed, { events: events + samples + functions, views, batches });
    // A release's maps go once none of its views is left, unless they were uploaded since the cutoff.
    removed.sourceMaps = await sourceMaps.deleteUnused(
      cutoff,
      sql`SELECT DISTINCT site, assumeNotNull(release) FROM ${layout.table('views')} WHERE release IS NOT NULL AND started_at >= ${cutoff - EVENT_OFFSET_MS}`,
    );
    await clickhouse.insert(layout.table('retention'), [{ cutoff }]);
  }
  for (const [table, , offset] of TABLES) {
    const before = dayOf(cutoff - offset);
    const days = await clickhouse.query<{ day: string }>(sql`SELECT DISTINCT day FROM ${layout.table(table)} WHERE day < ${before}`);
    for (const { day } of days) await clickhouse.command(sql`ALTER TABLE ${layout.localTable(table)}${layout.onCluster} DROP PARTITION ${day}`);
  }
  await claims.forgetBefore(cutoff);
  return removed;
}
