import type { ProfileQuery, StoredFrame, StoredFunction, StoredStack, StoredTarget } from '../ProfileStorage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { where, type Condition } from './filterConditions.js';
import { sql, type Sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

/** The WHERE of a profile query, on the columns both profile tables share (and the target's, for samples). */
const profileWhere = (query: Partial<ProfileQuery> & { site: string }, cutoff: number, withTarget: boolean): Sql =>
  where([
    ['site', '=', query.site],
    ...(withTarget
      ? ([
          ['target_kind', '=', query.kind],
          ['target_name', '=', query.name],
          ['interaction_id', '=', query.id],
        ] as Condition[])
      : []),
    ['page', '=', query.page],
    ['route', '=', query.route],
    ['release', '=', query.release],
    ['at', '>=', query.from],
    ['at', '<', query.to],
    ['at', '>=', cutoff],
  ]);

/** The profile reads of ProfileStorage, as SQLite's answers them: summed per release and stack, or per release and function. */
export function profileQueries(clickhouse: ClickHouse, layout: TableLayout, cutoff: () => number) {
  const samples = layout.table('profile_samples');
  return {
    stacks: async (query: ProfileQuery): Promise<StoredStack[]> =>
      (
        await clickhouse.query<{ release: string | null; stack: string; ms: number; samples: number; estimated: number }>(
          sql`SELECT release, stack, sum(ms) AS ms, sum(samples) AS samples, max(estimated) AS estimated FROM ${samples}
               WHERE ${profileWhere(query, cutoff(), true)} GROUP BY release, stack`,
        )
      ).map(({ release, stack, ms, samples, estimated }) => ({
        release,
        ms,
        samples,
        estimated: estimated === 1,
        frames: stack === '' ? [] : (JSON.parse(stack) as StoredFrame[]),
      })),
    functions: async (query: ProfileQuery): Promise<StoredFunction[]> =>
      (
        await clickhouse.query<Omit<StoredFunction, 'frame' | 'estimated'> & { frame: string; estimated: number }>(
          sql`SELECT release, frame, sum(self_ms) AS selfMs, sum(total_ms) AS totalMs, sum(self_samples) AS selfSamples,
                     sum(total_samples) AS totalSamples, max(estimated) AS estimated
                FROM ${layout.table('profile_functions')} WHERE ${profileWhere(query, cutoff(), false)} GROUP BY release, frame`,
        )
      ).map((row) => ({ ...row, estimated: row.estimated === 1, frame: JSON.parse(row.frame) as StoredFrame })),
    targets: async (query: Omit<ProfileQuery, 'kind' | 'name' | 'id'>): Promise<StoredTarget[]> =>
      (
        await clickhouse.query<Omit<StoredTarget, 'estimated'> & { estimated: number }>(
          sql`SELECT target_kind AS kind, target_name AS name, uniqExact(view_id, target_start) AS count, sum(ms) AS ms, sum(samples) AS samples,
                     max(estimated) AS estimated
                FROM ${samples} WHERE ${profileWhere(query, cutoff(), false)} GROUP BY kind, name ORDER BY ms DESC, kind, name LIMIT 200`,
        )
      ).map((row) => ({ ...row, estimated: row.estimated === 1 })),
  };
}
