import { MAX_PROFILES_PER_VIEW } from '../../../protocol/limits.js';
import { batchTuples } from './batchTuples.js';
import type { ClickHouse } from './connectClickHouse.js';
import { join, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';
import { toProfileRows } from './toProfileRows.js';
import type { BeaconRows } from './toClickHouseRows.js';

/**
 * A page view stores at most MAX_PROFILES_PER_VIEW profile windows, as on SQLite: the windows
 * its stored beacons kept are counted from `views` (leaving out these batches' own rows, which a
 * half-stored retry may have), then each beacon keeps what is left, in order. Fills each
 * beacon's profile rows; answers how many windows each left out. Two collectors storing beacons
 * of one view at the same moment may together keep a few more.
 */
export async function keepProfiles(clickhouse: ClickHouse, layout: TableLayout, beacons: readonly BeaconRows[]): Promise<number[]> {
  const profiled = beacons.filter((rows) => rows.profiles.length > 0);
  const stored = new Map<string, number>();
  const viewKey = (site: string, view: string) => `${site}\n${view}`;
  if (profiled.length > 0) {
    const views = join(
      profiled.map((rows) => sql`(${rows.key.site}, ${rows.view.view_id as string})`),
      ', ',
    );
    const counts = await clickhouse.query<{ site: string; view_id: string; profiles: number }>(
      sql`SELECT site, view_id, sum(profiles) AS profiles FROM ${layout.table('views')}
           WHERE (site, view_id) IN (${views}) AND NOT ${batchTuples(profiled.map((rows) => rows.key))} GROUP BY site, view_id`,
    );
    for (const row of counts) stored.set(viewKey(row.site, row.view_id), row.profiles);
  }
  return beacons.map((rows) => {
    if (rows.profiles.length === 0) return 0;
    const key = viewKey(rows.key.site, rows.view.view_id as string);
    const kept = rows.profiles.slice(0, Math.max(0, MAX_PROFILES_PER_VIEW - (stored.get(key) ?? 0)));
    stored.set(key, (stored.get(key) ?? 0) + kept.length);
    rows.samples = [];
    rows.functions = [];
    for (const { view, event, estimated } of kept) {
      const { samples, functions } = toProfileRows(rows.key.site, rows.key.batchId, view, event, estimated);
      rows.samples.push(...samples);
      rows.functions.push(...functions);
    }
    rows.view.profiles = kept.length;
    return rows.profiles.length - kept.length;
  });
}
