import { Sql } from './sql.js';

/**
 * `p50`, `p75`, `p95` of a column, exactly as SQLite's `percentile_cont` (linear interpolation
 * between the two nearest ranks), which no 18.16 function computes: `quantileExact` returns an
 * element, `quantileTDigest` an estimate. The values are sorted once per group (`sorted`), then
 * indexed (arrays count from 1; an index past the end yields 0, hence `least`). A query selects
 * `sorted` and the outer query these three.
 */
export function percentiles(column: string): { sorted: Sql; p50: Sql; p75: Sql; p95: Sql } {
  const at = (fraction: number) => {
    const position = `(length(sorted) - 1) * ${fraction}`;
    const below = `toUInt64(floor(${position}))`;
    return new Sql(
      `if(length(sorted) = 0, NULL, sorted[${below} + 1] + (sorted[least(${below} + 2, length(sorted))] - sorted[${below} + 1]) * (${position} - floor(${position})))`,
    );
  };
  return { sorted: new Sql(`arraySort(groupArray(${column})) AS sorted`), p50: at(0.5), p75: at(0.75), p95: at(0.95) };
}
