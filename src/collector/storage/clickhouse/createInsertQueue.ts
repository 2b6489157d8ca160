import type { Inserted } from '../Storage.js';
import type { BatchClaims, Claim } from './BatchClaims.js';
import type { ClickHouse } from './connectClickHouse.js';
import { keepProfiles } from './keepProfiles.js';
import { BEACON_TABLES, storedParts, type BeaconTable } from './storedParts.js';
import type { TableLayout } from './tableLayout.js';
import { keyOf, type BeaconRows } from './toClickHouseRows.js';

interface Pending {
  rows: BeaconRows;
  /** Until when a batch another collector holds is asked for again before this write fails. */
  busyUntil: number;
  resolve(inserted: Inserted): void;
  reject(error: unknown): void;
}

export interface InsertQueueOptions {
  /** How long rows wait for others before an insert, ms. */
  flushMs: number;
  /** Rows that start an insert at once. */
  maxRows: number;
  /** How long a beacon waits for a batch another collector holds, ms. */
  busyMs: number;
}

const BUSY_RETRY_MS = 200;
const DUPLICATE: Inserted = { duplicate: true, rows: 0, droppedProfiles: 0 };

const rowsOf = (rows: BeaconRows, table: BeaconTable) =>
  ({ events: rows.events, views: [rows.view], frame_scripts: rows.scripts, profile_samples: rows.samples, profile_functions: rows.functions })[table];

/**
 * Inserts batched across beacons: one insert per table every `flushMs` (an insert per beacon
 * took ~130 ms here, and every insert is a part that ClickHouse merges later), and each beacon's
 * promise settles only once every insert holding its rows has succeeded, so an acknowledged
 * beacon is stored. A beacon's batch is claimed first (BatchClaims): a batch another collector
 * stored is a duplicate, one another collector holds is asked for again until it is stored or
 * given up, one whose try did not finish has only its missing tables written. The batch's own
 * row goes last, once its other rows are in.
 */
export function createInsertQueue(clickhouse: ClickHouse, layout: TableLayout, claims: BatchClaims, options: InsertQueueOptions) {
  let queue: Pending[] = [];
  let queuedRows = 0;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  // A batch already queued or being stored by this process: a repeat waits for it and is a duplicate.
  const mine = new Map<string, Promise<Inserted>>();

  function schedule(): void {
    if (timer || queue.length === 0) return;
    timer = setTimeout(flush, options.flushMs);
  }

  function flush(): void {
    timer = undefined;
    const batch = queue;
    queue = [];
    queuedRows = 0;
    const run = store(batch).finally(() => inFlight.delete(run));
    inFlight.add(run);
  }

  async function store(batch: Pending[]): Promise<void> {
    let states: Claim[];
    try {
      states = await claims.claim(batch.map((pending) => pending.rows.key));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    const holding: Pending[] = [];
    const retried: Pending[] = [];
    batch.forEach((pending, i) => {
      const state = states[i];
      if (state === 'duplicate') pending.resolve(DUPLICATE);
      else if (state === 'busy') {
        if (Date.now() > pending.busyUntil) pending.reject(new Error(`batch ${pending.rows.key.batchId} is held by another collector`));
        else setTimeout(() => requeue(pending), BUSY_RETRY_MS).unref();
      } else (state === 'retry' ? retried : holding).push(pending);
    });
    const held = [...holding, ...retried];
    if (held.length === 0) return;
    const keys = held.map((pending) => pending.rows.key);
    try {
      const present = await storedParts(
        clickhouse,
        layout,
        retried.map((pending) => pending.rows.key),
      );
      const dropped = await keepProfiles(
        clickhouse,
        layout,
        held.map((pending) => pending.rows),
      );
      const missing = (pending: Pending, table: BeaconTable) => !present.get(keyOf(pending.rows.key))?.has(table);
      await Promise.all(
        BEACON_TABLES.map((table) =>
          clickhouse.insert(
            layout.table(table),
            held.filter((p) => missing(p, table)).flatMap((p) => rowsOf(p.rows, table)),
          ),
        ),
      );
      await clickhouse.insert(
        layout.table('batches'),
        held.map((pending) => pending.rows.batch),
      );
      await claims.stored(keys);
      held.forEach((pending, i) => {
        const complete = BEACON_TABLES.every((table) => !missing(pending, table));
        const kept = pending.rows.view.profiles as number;
        pending.resolve(complete ? DUPLICATE : { duplicate: false, rows: pending.rows.events.length + kept, droppedProfiles: dropped[i] ?? 0 });
      });
    } catch (error) {
      await claims.release(keys).catch(() => undefined);
      for (const pending of held) pending.reject(error);
    }
  }

  function requeue(pending: Pending): void {
    queue.push(pending);
    queuedRows += pending.rows.events.length;
    if (queuedRows >= options.maxRows && timer) {
      clearTimeout(timer);
      flush();
    } else schedule();
  }

  return {
    write(rows: BeaconRows): Promise<Inserted> {
      const id = keyOf(rows.key);
      const earlier = mine.get(id);
      if (earlier) return earlier.then(() => DUPLICATE);
      const written = new Promise<Inserted>((resolve, reject) => requeue({ rows, busyUntil: Date.now() + options.busyMs, resolve, reject }));
      mine.set(id, written);
      const forget = () => mine.delete(id);
      written.then(forget, forget);
      return written;
    },
    /** Stores everything queued; at close. */
    async drain(): Promise<void> {
      while (queue.length > 0 || inFlight.size > 0) {
        if (timer) {
          clearTimeout(timer);
          flush();
        }
        await Promise.race([...inFlight, new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS))]);
      }
    },
  };
}
