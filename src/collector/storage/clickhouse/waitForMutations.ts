import type { ClickHouse } from './connectClickHouse.js';
import { list, sql } from './sql.js';
import { REPLICATED_ROOT, type TableLayout } from './tableLayout.js';

const POLL_MS = 200;

interface Part {
  name: string;
  partition: string;
  min: number;
  max: number;
  level: number;
  /** The mutation the part's data is as of: its mutation number, or its first block when it was never mutated. */
  version: number;
}

/** A part's name, `PARTITION_MIN_MAX_LEVEL[_MUTATION]`; the sharded tables' partitions are days (`20261201`), without `_`. */
function parsePart(name: string): Part | undefined {
  const [partition = '', min, max, level, mutation] = name.split('_');
  if (min === undefined || max === undefined || level === undefined) return undefined;
  return { name, partition, min: Number(min), max: Number(max), level: Number(level), version: Number(mutation ?? min) };
}

/** A replica's parts list in ZooKeeper keeps merged and mutated-away parts for minutes: a part covered by another is not one it reads. */
const covers = (a: Part, b: Part) =>
  a.name !== b.name && a.partition === b.partition && a.min <= b.min && a.max >= b.max && a.level >= b.level && a.version >= b.version;
const activeParts = (parts: Part[]) => parts.filter((part) => !parts.some((other) => covers(other, part)));

/** A mutation's block number in each partition, from its entry in ZooKeeper (`block numbers count: N`, then `PARTITION\tNUMBER` lines). */
function blockNumbers(entry: string): Map<string, number> {
  const lines = entry.split('\n');
  const start = lines.findIndex((line) => line.startsWith('block numbers count:'));
  const count = Number(lines[start]?.split(':')[1] ?? 0);
  return new Map(
    lines.slice(start + 1, start + 1 + count).map((line) => {
      const [partition = '', number] = line.split('\t');
      return [partition, Number(number)];
    }),
  );
}

/**
 * Resolves once every mutation of these tables (`ALTER … DELETE | UPDATE`, asynchronous in 18.16,
 * which has no mutations_sync) is applied wherever their rows are. On one server that is
 * `system.mutations`. A replicated table's mutation is an entry in ZooKeeper that each replica
 * applies to its own parts in its own time, and `system.mutations` shows only the replica asked;
 * so the newest entry of each shard's table is read from ZooKeeper (through `system.zookeeper`,
 * from any server), and every replica's parts there are checked: none it still reads may hold
 * data older than the mutation's block number in its partition. Fails after `timeoutMs` (a
 * replica that is down applies the mutation when it is back, but cannot be waited for).
 */
export async function waitForMutations(clickhouse: ClickHouse, layout: TableLayout, tables: readonly string[], timeoutMs: number): Promise<void> {
  const children = async (path: string) =>
    clickhouse.query<{ name: string; value: string }>(sql`SELECT name, value FROM system.zookeeper WHERE path = ${path}`);
  const names = async (path: string) =>
    (await clickhouse.query<{ name: string }>(sql`SELECT name FROM system.zookeeper WHERE path = ${path}`)).map((node) => node.name);
  let applied: () => Promise<boolean>;
  if (layout.cluster === undefined) {
    applied = async () => {
      const [pending] = await clickhouse.query<{ n: number }>(
        sql`SELECT count() AS n FROM system.mutations WHERE database = ${layout.database} AND table IN ${list(tables)} AND is_done = 0`,
      );
      return pending?.n === 0;
    };
  } else {
    const shards = await names(REPLICATED_ROOT);
    const paths = (
      await Promise.all(
        shards.map(async (shard) => {
          const here = new Set(await names(`${REPLICATED_ROOT}/${shard}`));
          return tables.filter((table) => here.has(`${layout.database}.${table}`)).map((table) => `${REPLICATED_ROOT}/${shard}/${layout.database}.${table}`);
        }),
      )
    ).flat();
    const pending = new Set(paths);
    applied = async () => {
      for (const path of pending) {
        const newest = (await children(`${path}/mutations`)).reduce<{ name: string; value: string } | undefined>(
          (found, entry) => (found === undefined || entry.name > found.name ? entry : found),
          undefined,
        );
        const blocks = blockNumbers(newest?.value ?? '');
        const replicas = await names(`${path}/replicas`);
        const stale = await Promise.all(
          replicas.map(async (replica) =>
            activeParts((await names(`${path}/replicas/${replica}/parts`)).flatMap((name) => parsePart(name) ?? [])).some(
              (part) => part.version < (blocks.get(part.partition) ?? -Infinity),
            ),
          ),
        );
        if (stale.some(Boolean)) return false;
        // Applied everywhere stays applied: later polls skip it.
        pending.delete(path);
      }
      return true;
    };
  }
  const deadline = Date.now() + timeoutMs;
  while (!(await applied())) {
    if (Date.now() > deadline) throw new Error(`mutations of ${tables.join(', ')} not applied on every replica after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
