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
  return {
    onCluster,
    createDatabase: (): Sql => join([sql`CREATE DATABASE IF NOT EXISTS ${db}`, onCluster], ''),
    /** What inserts write to and queries read from: `db.NAME` in both layouts. */
    table: (name: string): Sql => sql`${db}.${identifier(name)}`,
    /** The table that holds a sharded table's rows on each server: where partitions are dropped. */
    localTable: (name: string): Sql => sql`${db}.${identifier(cluster === undefined ? name : `${name}_local`)}`,
    sharded(name: string, spec: TableSpec): Sql[] {
      const table = identifier(name);
      if (cluster === undefined) return [sql`CREATE TABLE IF NOT EXISTS ${db}.${table} ${body(spec, '')}`];
      const local = identifier(`${name}_local`);
      const path = `/clickhouse/tables/{shard}/${database}.${name}`;
      return [
        sql`CREATE TABLE IF NOT EXISTS ${db}.${local}${onCluster} ${body(spec, path)}`,
        sql`CREATE TABLE IF NOT EXISTS ${db}.${table}${onCluster} AS ${db}.${local}
            ENGINE = Distributed(${identifier(cluster)}, ${db}, ${local}, sipHash64(view_id))`,
      ];
    },
    global(name: string, spec: TableSpec): Sql[] {
      return [sql`CREATE TABLE IF NOT EXISTS ${db}.${identifier(name)}${onCluster} ${body(spec, `/clickhouse/tables/global/${database}.${name}`)}`];
    },
  };
}

export type TableLayout = ReturnType<typeof tableLayout>;
