import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import type { ClickHouseTarget } from './parseClickHouseUrl.js';
import type { Sql } from './sql.js';

export interface ClickHouse {
  query<T>(query: Sql): Promise<T[]>;
  command(statement: Sql): Promise<void>;
  insert(table: Sql, rows: readonly object[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * A client of `@clickhouse/client` with what every request to 18.16 needs: 64-bit integers as
 * JSON numbers (counts and epoch ms; quoted by default), and on a cluster synchronous
 * Distributed inserts (by default an insert returns before its rows reach the shards: a count
 * right after 1000 rows saw 488), replicas tried in order (reads then find what was just
 * written while the first replica is up), DDL that waits at most a minute for a server that
 * is down (180 s by default), and `IN (SELECT … FROM events)` read on each shard's own rows
 * (every sharded table is sharded by view, so a view's events are on its shard).
 */
export function connectClickHouse(target: ClickHouseTarget): ClickHouse {
  const client = createClient({
    url: target.url,
    username: target.username,
    password: target.password,
    request_timeout: 60_000,
    clickhouse_settings: {
      output_format_json_quote_64bit_integers: 0,
      ...(target.cluster === undefined
        ? {}
        : { insert_distributed_sync: 1, load_balancing: 'in_order', distributed_ddl_task_timeout: 60, distributed_product_mode: 'local' }),
    } as Record<string, number | string>,
    // Below the server's keep-alive (3 s on 18.16), with room for a busy event loop.
    keep_alive: { idle_socket_ttl: 1500 },
    // A failed request is an error the caller handles (503 to the page): not a console line too.
    log: { level: ClickHouseLogLevel.OFF },
  });
  return {
    query: <T>(query: Sql) => onceMore(async () => (await client.query({ query: query.text, format: 'JSONEachRow' })).json<T>()),
    command: (statement) => onceMore(async () => void (await client.command({ query: statement.text }))),
    async insert(table, rows) {
      if (rows.length === 0) return;
      await client.insert({ table: table.text, values: rows as object[], format: 'JSONEachRow' });
    },
    close: () => client.close(),
  };
}

/**
 * Reads and DDL (every statement here is IF NOT EXISTS or idempotent) are sent once more when
 * the connection broke before an answer: a kept-alive socket the server had just closed answers
 * "socket hang up". Inserts are never resent here: one that broke may have landed, and the
 * batch's claim decides what a retry writes.
 */
async function onceMore<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ECONNRESET' && code !== 'EPIPE' && !/socket hang up/.test(String(error))) throw error;
    return run();
  }
}
