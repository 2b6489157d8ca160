import type { Erased, ErasureTarget } from '../Storage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { EVENT_OFFSET_MS } from './filterConditions.js';
import { list, sql } from './sql.js';
import { BEACON_TABLES } from './storedParts.js';
import type { TableLayout } from './tableLayout.js';
import { waitForMutations } from './waitForMutations.js';

/**
 * Erasure, as SQLite's (prepareErase.ts) answers it: the page view, or every page view of the
 * session, goes from every table that holds its rows; its batches stay, without their view, so
 * that a retry of an erased batch is still a duplicate (its claim says stored). 18.16 deletes rows
 * only by mutations, which run in the background, on each replica by itself: this resolves once
 * they are applied everywhere (waitForMutations.ts), so that every answer after it is one without
 * the erased views. It counts what the queries counted: rows retention has not cut off.
 */
export async function eraseViews(
  clickhouse: ClickHouse,
  layout: TableLayout,
  site: string,
  target: ErasureTarget,
  cutoff: number,
  timeoutMs: number,
): Promise<Erased> {
  const views = layout.table('views');
  const which = 'view' in target ? sql`view_id = ${target.view}` : sql`session = ${target.session}`;
  const ids = (await clickhouse.query<{ id: string }>(sql`SELECT DISTINCT view_id AS id FROM ${views} WHERE site = ${site} AND ${which}`)).map((row) => row.id);
  if (ids.length === 0) return { views: 0, events: 0 };
  const ofViews = sql`site = ${site} AND view_id IN ${list(ids)}`;
  const [counted] = await clickhouse.query<Erased>(
    sql`SELECT (SELECT uniqExact(view_id) FROM ${views} WHERE ${ofViews} AND started_at >= ${cutoff - EVENT_OFFSET_MS}) AS views,
               (SELECT count() FROM ${layout.table('events')} WHERE ${ofViews} AND at >= ${cutoff}) AS events`,
  );
  await Promise.all([
    ...BEACON_TABLES.map((table) => clickhouse.command(sql`ALTER TABLE ${layout.localTable(table)}${layout.onCluster} DELETE WHERE ${ofViews}`)),
    clickhouse.command(sql`ALTER TABLE ${layout.localTable('batches')}${layout.onCluster} UPDATE view_id = '' WHERE ${ofViews}`),
  ]);
  await waitForMutations(clickhouse, layout, [...BEACON_TABLES, 'batches'], timeoutMs);
  return counted ?? { views: 0, events: 0 };
}
