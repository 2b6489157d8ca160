import { join, sql, type Sql } from './sql.js';
import type { BatchKey } from './toClickHouseRows.js';

/** `(site, batch_id) IN (('demo', 'a1…'), …)`: the rows of these batches, in any table that has both columns. */
export const batchTuples = (keys: readonly BatchKey[]): Sql =>
  sql`(site, batch_id) IN (${join(
    keys.map(({ site, batchId }) => sql`(${site}, ${batchId})`),
    ', ',
  )})`;
