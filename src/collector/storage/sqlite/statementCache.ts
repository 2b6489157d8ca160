import type Database from 'better-sqlite3';

/** SQL percentiles of a column, as the query API's answers name them. */
export const percentiles = (column: string) =>
  `percentile_cont(${column}, 0.5) AS p50, percentile_cont(${column}, 0.75) AS p75, percentile_cont(${column}, 0.95) AS p95`;

/**
 * Runs SQL with each statement prepared once: a query's SQL depends only on which filters are set,
 * so a handful of variants serve every request.
 */
export function statementCache(db: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  return {
    all: <T>(sql: string, params: unknown[]): T[] => prepared(sql).all(...params) as T[],
    get: <T>(sql: string, params: unknown[]): T | undefined => prepared(sql).get(...params) as T | undefined,
  };
}
