import { wrap, type IDBPDatabase } from 'idb';
import type { Beacon } from '../protocol/beacon.js';
import { epochNow } from '../protocol/epochNow.js';

/** A batch as the outbox keeps it: `at` orders the queue, `size` (JSON characters) bounds it. */
export interface OutboxRecord {
  id: string;
  at: number;
  size: number;
  batch: Beacon;
  /** Its uploads that failed. */
  attempts?: number;
  /** Those of them that failed while the collector stored another batch (createWorkerApi). */
  failures?: number;
}

/** What adding a batch did: the ids evicted to make room, and the drop count attached to it. */
export interface Admission {
  evicted: string[];
  dropped: number;
}

/** Batches waiting for the collector's acknowledgement, oldest first, bounded by count and size. */
export interface Outbox {
  /** False for the memory fallback: its batches do not outlive the page. */
  durable: boolean;
  add(batch: Beacon): Promise<Admission>;
  list(): Promise<OutboxRecord[]>;
  /** Removes a batch; `lost` counts it as dropped (the collector refused it for good). */
  remove(id: string, lost: boolean): Promise<void>;
  /**
   * Counts a failed upload; `alone` when the collector stored another batch meanwhile, so the
   * failure is the batch's own. True when that dropped it (`MAX_BATCH_FAILURES`).
   */
  failed(id: string, alone: boolean): Promise<boolean>;
}

/** At most this many batches wait; a site down for days must not fill the visitor's disk. */
export const MAX_OUTBOX_BATCHES = 100;
/** At most this many characters of batch JSON wait (about 1 MiB). */
export const MAX_OUTBOX_SIZE = 1 << 20;
/**
 * A batch the collector failed this many times, each time storing the batch behind it, is one it
 * will never store (a poison batch): it is dropped. With a collector failing half of all uploads
 * at random, a good batch is dropped so in (1/3)^8 ≈ 0.015% of cases.
 */
export const MAX_BATCH_FAILURES = 8;

/** One read-modify-write over the outbox: an IndexedDB transaction, or plain memory. */
interface Records {
  all(): Promise<OutboxRecord[]>;
  get(id: string): Promise<OutboxRecord | undefined>;
  put(record: OutboxRecord): Promise<unknown>;
  delete(id: string): Promise<unknown>;
  dropped(): Promise<number>;
  setDropped(count: number): Promise<unknown>;
}
type Run = <T>(work: (records: Records) => Promise<T>) => Promise<T>;

const STORE = 'outbox';
const META = 'meta';
const DROPPED = 'dropped';

/**
 * The outbox lives in IndexedDB so that batches survive reloads, crashes, browser restarts and
 * offline page views; a batch is durable once its transaction is done. Every tab of the site
 * shares it: one database per scope (WorkerConfig). Where IndexedDB is missing or refuses to open
 * (private modes, blocked storage) the outbox is kept in memory and still sends.
 */
export async function openOutbox(factory: IDBFactory | undefined, scope: string): Promise<Outbox> {
  if (!factory) return boundedOutbox(memoryRecords(), false);
  try {
    // idb's `openDB` would use the global `indexedDB`; the factory passed in is what this scope has.
    const request = factory.open(`pageprof ${scope}`, 2);
    request.onupgradeneeded = () => {
      const database = request.result;
      // Version 1 (unreleased) kept bare beacons: start over.
      for (const name of Array.from(database.objectStoreNames)) database.deleteObjectStore(name);
      database.createObjectStore(STORE, { keyPath: 'id' }).createIndex('at', 'at');
      database.createObjectStore(META);
    };
    const db = (await wrap(request)) as IDBPDatabase;
    // A newer pageprof in another tab upgrades the database: step aside instead of blocking it
    // (this tab's batches then go out from its page).
    db.addEventListener('versionchange', () => db.close());
    return boundedOutbox(async (work) => {
      const tx = db.transaction([STORE, META], 'readwrite');
      const store = tx.objectStore(STORE);
      const meta = tx.objectStore(META);
      // Only IndexedDB requests are awaited inside `work`, so the transaction stays open.
      const result = await work({
        all: () => store.index('at').getAll(),
        get: (id) => store.get(id),
        put: (record) => store.put(record),
        delete: (id) => store.delete(id),
        dropped: async () => ((await meta.get(DROPPED)) as number | undefined) ?? 0,
        setDropped: (count) => meta.put(count, DROPPED),
      });
      await tx.done;
      return result;
    }, true);
  } catch {
    return boundedOutbox(memoryRecords(), false);
  }
}

function boundedOutbox(run: Run, durable: boolean): Outbox {
  return {
    durable,
    add: (batch) =>
      run(async (records) => {
        const size = JSON.stringify(batch).length;
        const all = await records.all();
        // The same batch again (a page's exit copy, delivered by the next page view) may lack the
        // drop count the stored one carries: the count stays.
        const known = Math.max(batch.dropped ?? 0, all.find((record) => record.id === batch.id)?.batch.dropped ?? 0);
        const queued = all.filter((record) => record.id !== batch.id);
        const evicted: string[] = [];
        let total = queued.reduce((sum, record) => sum + record.size, size);
        for (const oldest of queued) {
          if (queued.length - evicted.length < MAX_OUTBOX_BATCHES && total <= MAX_OUTBOX_SIZE) break;
          evicted.push(oldest.id);
          total -= oldest.size;
          await records.delete(oldest.id);
        }
        // Drops are reported in the batch that is written with them, so a retried batch carries
        // the same count and the collector, storing a batch id once, counts them once.
        const dropped = known + (await records.dropped()) + evicted.length;
        await records.setDropped(0);
        const stored = dropped > 0 ? { ...batch, dropped } : batch;
        await records.put({ id: batch.id, at: epochNow(), size, batch: stored });
        return { evicted, dropped: stored.dropped ?? 0 };
      }),
    list: () => run((records) => records.all()),
    remove: (id, lost) =>
      run(async (records) => {
        const record = await records.get(id);
        if (lost && record) await lose(records, record);
        else await records.delete(id);
      }),
    failed: (id, alone) =>
      run(async (records) => {
        const record = await records.get(id);
        if (!record) return false;
        const failures = (record.failures ?? 0) + (alone ? 1 : 0);
        if (failures >= MAX_BATCH_FAILURES) await lose(records, record);
        else await records.put({ ...record, attempts: (record.attempts ?? 0) + 1, failures });
        return failures >= MAX_BATCH_FAILURES;
      }),
  };
}

/** Deletes a batch the collector will never store: it counts as dropped, and so do the drops it was to report. */
async function lose(records: Records, record: OutboxRecord): Promise<void> {
  await records.delete(record.id);
  await records.setDropped((await records.dropped()) + 1 + (record.batch.dropped ?? 0));
}

function memoryRecords(): Run {
  const byId = new Map<string, OutboxRecord>();
  let dropped = 0;
  const records: Records = {
    all: async () => [...byId.values()].sort((a, b) => a.at - b.at),
    get: async (id) => byId.get(id),
    put: async (record) => byId.set(record.id, record),
    delete: async (id) => byId.delete(id),
    dropped: async () => dropped,
    setDropped: async (count) => (dropped = count),
  };
  return (work) => work(records);
}
