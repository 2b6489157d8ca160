import type { ClickHouse } from './connectClickHouse.js';
import { migrations } from './migrations.js';
import { sql } from './sql.js';
import type { Step, TableLayout } from './tableLayout.js';

const run = (clickhouse: ClickHouse, step: Step) => (typeof step === 'function' ? step(clickhouse) : clickhouse.command(step));

/** Brings the database to the newest schema, as SQLite's migrate does: the versions done are rows of `schema_migrations`. */
export async function migrate(clickhouse: ClickHouse, layout: TableLayout): Promise<void> {
  await clickhouse.command(layout.createDatabase());
  for (const step of layout.global('schema_migrations', { columns: 'version UInt32, applied_at DateTime', engine: 'MergeTree', orderBy: 'version' })) {
    await run(clickhouse, step);
  }
  const versions = layout.table('schema_migrations');
  const [{ version } = { version: 0 }] = await clickhouse.query<{ version: number }>(sql`SELECT max(version) AS version FROM ${versions}`);
  for (let next = version; next < migrations.length; next++) {
    // The tables at once, each table's statements in order: ON CLUSTER DDL waits a few hundred ms
    // per statement for every server (two shards: 59 s for the contract's 25 databases, one after another).
    await Promise.all(
      (migrations[next]?.(layout) ?? []).map(async (steps) => {
        for (const step of steps) await run(clickhouse, step);
      }),
    );
    await clickhouse.insert(versions, [{ version: next + 1, applied_at: Math.floor(Date.now() / 1000) }]);
  }
}
