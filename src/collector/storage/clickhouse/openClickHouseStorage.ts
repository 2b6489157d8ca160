import type { Storage } from '../Storage.js';
import { alertStore } from './alertStore.js';
import { clickHouseDetailQueries } from './clickHouseDetailQueries.js';
import { clickHouseDistributionQueries } from './clickHouseDistributionQueries.js';
import { clickHouseQueries } from './clickHouseQueries.js';
import { connectClickHouse } from './connectClickHouse.js';
import { createInsertQueue } from './createInsertQueue.js';
import { deleteBefore } from './deleteBefore.js';
import { eraseViews } from './eraseViews.js';
import { localClaims } from './localClaims.js';
import { migrate } from './migrate.js';
import { parseClickHouseUrl } from './parseClickHouseUrl.js';
import { profileQueries } from './profileQueries.js';
import { sourceMapStore } from './sourceMapStore.js';
import { sql } from './sql.js';
import { tableLayout } from './tableLayout.js';
import { toClickHouseRows } from './toClickHouseRows.js';
import { zooKeeperClaims } from './zooKeeperClaims.js';

export interface ClickHouseOptions {
  /** How long beacons wait for others before one insert takes them all, ms. */
  flushMs?: number;
  /** Rows that start an insert at once. */
  maxRows?: number;
  /** How long a beacon waits for a batch another collector is storing, ms (past a ZooKeeper session timeout). */
  busyMs?: number;
  /** How long an erasure waits for its deletes to be applied on every replica before it fails, ms. */
  erasureMs?: number;
}

/**
 * The adapter for scale: ClickHouse 18.16 or newer, one server or a cluster (`?cluster=NAME&
 * zookeeper=HOST:PORT`). `url` is `http://USER:PASSWORD@HOST:8123/DATABASE`. Migrates the schema
 * at start, as SQLite's adapter does.
 */
export async function openClickHouseStorage(
  url: string,
  { flushMs = 150, maxRows = 20_000, busyMs = 20_000, erasureMs = 120_000 }: ClickHouseOptions = {},
): Promise<Storage> {
  const target = parseClickHouseUrl(url);
  const clickhouse = connectClickHouse(target);
  const layout = tableLayout(target);
  await migrate(clickhouse, layout);
  const claims = target.zookeeper === undefined ? localClaims(clickhouse, layout) : await zooKeeperClaims(target.zookeeper, target.database);
  const [{ cutoff: retained } = { cutoff: 0 }] = await clickhouse.query<{ cutoff: number }>(
    sql`SELECT max(cutoff) AS cutoff FROM ${layout.table('retention')}`,
  );
  let cutoff = retained;
  const queries = clickHouseQueries(clickhouse, layout, () => cutoff);
  const details = clickHouseDetailQueries(clickhouse, layout, () => cutoff);
  const distributions = clickHouseDistributionQueries(clickhouse, layout, () => cutoff);
  const queue = createInsertQueue(clickhouse, layout, claims, { flushMs, maxRows, busyMs });
  const sourceMaps = sourceMapStore(clickhouse, layout);
  const profiles = profileQueries(clickhouse, layout, () => cutoff);

  return {
    insertBeacons: (beacons) => Promise.all(beacons.map((beacon) => queue.write(toClickHouseRows(beacon)))),
    ...queries,
    ...details,
    ...distributions,
    erase: (site, target) => eraseViews(clickhouse, layout, site, target, cutoff, erasureMs),
    async deleteBefore(next) {
      const removed = await deleteBefore(clickhouse, layout, { previous: cutoff, cutoff: next, claims, sourceMaps });
      cutoff = Math.max(cutoff, next);
      return removed;
    },
    profiles: {
      ...profiles,
      putSourceMap: sourceMaps.putSourceMap,
      sourceMaps: sourceMaps.sourceMaps,
      sourceMapUsage: sourceMaps.sourceMapUsage,
    },
    alerts: alertStore(clickhouse, layout),
    collectors: claims.collectors,
    async close() {
      await queue.drain();
      await claims.close();
      await clickhouse.close();
    },
  };
}
