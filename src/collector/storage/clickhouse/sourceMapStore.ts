import type { ClickHouse } from './connectClickHouse.js';
import { sql, type Sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';
import { uniqueMicroseconds } from './uniqueMicroseconds.js';

/**
 * Source maps in a table replicated to every server (tableLayout's `global`): a map is a
 * version row, the newest of its (site, release, file) wins, a deleted map is a newer row that
 * says so. Versions are microseconds of this clock, made unique in this process (uniqueMicroseconds).
 */
export function sourceMapStore(clickhouse: ClickHouse, layout: TableLayout) {
  const table = layout.table('sourcemaps');
  const version = uniqueMicroseconds();
  // The maps themselves only where they are asked for: they run to megabytes each.
  const latest = (where: Sql, withMap: boolean) =>
    sql`SELECT release, file, ${withMap ? sql`argMax(map, version)` : sql`''`} AS map, argMax(bytes, version) AS bytes, argMax(deleted, version) AS deleted
          FROM ${table} WHERE ${where} GROUP BY release, file HAVING deleted = 0`;
  return {
    putSourceMap: async (site: string, release: string, file: string, map: string, at: number) =>
      clickhouse.insert(table, [{ site, release, file, version: version(), uploaded_at: at, deleted: 0, bytes: Buffer.byteLength(map), map }]),
    sourceMaps: async (site: string, release: string) =>
      (await clickhouse.query<{ file: string; map: string }>(sql`SELECT file, map FROM (${latest(sql`site = ${site} AND release = ${release}`, true)})`)).map(
        ({ file, map }) => ({ file, map }),
      ),
    sourceMapUsage: async (site: string, replaced: { release: string; file: string }) => {
      const [usage] = await clickhouse.query<{ count: number; bytes: number }>(
        sql`SELECT count() AS count, sum(bytes) AS bytes FROM (${latest(sql`site = ${site}`, false)}) WHERE NOT (release = ${replaced.release} AND file = ${replaced.file})`,
      );
      return usage ?? { count: 0, bytes: 0 };
    },
    /** Deletes the maps uploaded before `cutoff` of releases that `keep` does not name; how many. */
    async deleteUnused(cutoff: number, keep: Sql): Promise<number> {
      const unused = await clickhouse.query<{ site: string; release: string; file: string }>(
        sql`SELECT site, release, file FROM (
              SELECT site, release, file, argMax(uploaded_at, version) AS uploadedAt, argMax(deleted, version) AS deleted
                FROM ${table} GROUP BY site, release, file HAVING deleted = 0 AND uploadedAt < ${cutoff})
             WHERE (site, release) NOT IN (${keep})`,
      );
      await clickhouse.insert(
        table,
        unused.map(({ site, release, file }) => ({ site, release, file, version: version(), uploaded_at: cutoff, deleted: 1, bytes: 0, map: '' })),
      );
      return unused.length;
    },
  };
}
