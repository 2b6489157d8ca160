import type { ClickHouse } from './connectClickHouse.js';
import { identifier, join, Sql, sql } from './sql.js';

/** Where the adapter's tables live: one server, or a cluster named in the servers' `remote_servers`. */
export interface Layout {
  database: string;
  /** A cluster with ZooKeeper: Replicated tables created ON CLUSTER, sharded ones behind `Distributed`. */
  cluster?: string;
}

export interface TableSpec {
  /** Column list, engine and keys are text of this folder's migrations, never a request's. */
  columns: string;
  engine: 'MergeTree' | 'ReplacingMergeTree' | 'AggregatingMergeTree';
  /** The engine's own arguments (a ReplacingMergeTree's version column), after a Replicated one's path and replica. */
  engineArgs?: string;
  orderBy: string;
  partitionBy?: string;
}

/** A statement of a migration: DDL, or DDL chosen by what the server already has. */
export type Step = Sql | ((clickhouse: ClickHouse) => Promise<void>);

/** Where Replicated tables keep their state in ZooKeeper: a folder per shard (the `{shard}` macro), and `global`. */
export const REPLICATED_ROOT = '/clickhouse/tables';

/** The name a column definition gives (`phases Nested(...)` → `phases`). */
const columnName = (definition: string) => definition.slice(0, definition.indexOf(' '));

/**
 * The DDL of the adapter's tables for a layout. On one server a table is what it says. On a
 * cluster a *sharded* table is `NAME_local` (Replicated, one per shard) under `NAME`
 * (`Distributed`, sharded by view, so that a view's rows stay on one shard); a *global* table is
 * replicated to every server (one ZooKeeper path for all shards) and read where the collector is
 * connected: small tables that every server needs whole (schema versions, retention's cutoff,
 * source maps).
 */
export function tableLayout({ database, cluster }: Layout) {
  const db = identifier(database);
  const onCluster = cluster === undefined ? sql`` : sql` ON CLUSTER ${identifier(cluster)}`;
  const body = (spec: TableSpec, zkPath: string) => {
    const args = spec.engineArgs === undefined ? [] : [spec.engineArgs];
    const engine =
      cluster === undefined ? `${spec.engine}(${args.join(', ')})` : `Replicated${spec.engine}(${[`'${zkPath}'`, "'{replica}'", ...args].join(', ')})`;
    const partition = spec.partitionBy ? ` PARTITION BY ${spec.partitionBy}` : '';
    return new Sql(`(${spec.columns}) ENGINE = ${engine}${partition} ORDER BY ${spec.orderBy}`);
  };
  const distributed = (name: string) =>
    sql`CREATE TABLE IF NOT EXISTS ${db}.${identifier(name)}${onCluster} AS ${db}.${identifier(`${name}_local`)}
        ENGINE = Distributed(${identifier(cluster ?? '')}, ${db}, ${identifier(`${name}_local`)}, sipHash64(view_id))`;
  /** The column definitions of `columns` that `table` lacks (a Nested column is there as `name.field`). */
  const lacking = async (clickhouse: ClickHouse, table: string, columns: readonly string[]) => {
    const names = (await clickhouse.query<{ name: string }>(sql`SELECT name FROM system.columns WHERE database = ${database} AND table = ${table}`)).map(
      (column) => column.name,
    );
    return columns.filter((column) => !names.some((name) => name === columnName(column) || name.startsWith(`${columnName(column)}.`)));
  };
  return {
    database,
    cluster,
    onCluster,
    createDatabase: (): Sql => join([sql`CREATE DATABASE IF NOT EXISTS ${db}`, onCluster], ''),
    /** What inserts write to and queries read from: `db.NAME` in both layouts. */
    table: (name: string): Sql => sql`${db}.${identifier(name)}`,
    /** The table that holds a sharded table's rows on each server: where partitions are dropped. */
    localTable: (name: string): Sql => sql`${db}.${identifier(cluster === undefined ? name : `${name}_local`)}`,
    sharded(name: string, spec: TableSpec): Step[] {
      const table = identifier(name);
      if (cluster === undefined) return [sql`CREATE TABLE IF NOT EXISTS ${db}.${table} ${body(spec, '')}`];
      const local = identifier(`${name}_local`);
      const path = `${REPLICATED_ROOT}/{shard}/${database}.${name}`;
      return [sql`CREATE TABLE IF NOT EXISTS ${db}.${local}${onCluster} ${body(spec, path)}`, distributed(name)];
    },
    /**
     * Adds columns to a sharded table. 18.16's ADD COLUMN has no IF NOT EXISTS, so only the
     * columns the table lacks are added (a migration may be run twice: two collectors starting at
     * once). A Distributed table cannot be altered ON CLUSTER over replicated shards (code 371):
     * it holds no rows, so it is made again with the new columns.
     */
    addColumns(name: string, columns: readonly string[]): Step {
      return async (clickhouse) => {
        const local = cluster === undefined ? name : `${name}_local`;
        const missing = await lacking(clickhouse, local, columns);
        if (missing.length > 0) {
          await clickhouse.command(
            sql`ALTER TABLE ${db}.${identifier(local)}${onCluster} ${new Sql(missing.map((column) => `ADD COLUMN ${column}`).join(', '))}`,
          );
        }
        if (cluster !== undefined && (await lacking(clickhouse, name, columns)).length > 0) {
          await clickhouse.command(sql`DROP TABLE IF EXISTS ${db}.${identifier(name)}${onCluster}`);
          await clickhouse.command(distributed(name));
        }
      };
    },
    global(name: string, spec: TableSpec): Step[] {
      return [sql`CREATE TABLE IF NOT EXISTS ${db}.${identifier(name)}${onCluster} ${body(spec, `${REPLICATED_ROOT}/global/${database}.${name}`)}`];
    },
  };
}

export type TableLayout = ReturnType<typeof tableLayout>;
