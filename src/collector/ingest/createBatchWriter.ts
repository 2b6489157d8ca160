import type { Inserted, ReceivedBeacon, Storage } from '../storage/Storage.js';

type Written = Inserted;

interface Pending {
  received: ReceivedBeacon;
  resolve(written: Written): void;
  reject(error: unknown): void;
}

export interface BatchWriterOptions {
  /** How long the first beacon of a batch waits for others before the commit, ms (0: next turn). */
  flushMs: number;
  /** Most beacons per transaction. */
  maxBatch?: number;
  /**
   * Commits handed to storage and not yet done. Two keep a writer thread busy: the next batch
   * is already waiting when one commit ends. Storage commits them in order.
   */
  maxInFlight?: number;
  onFlush?(flush: { seconds: number; beacons: number; rows: number; failed: boolean }): void;
}

/**
 * Group commit: beacons that arrive close together share one transaction, and each caller's
 * promise settles only once that transaction is committed, so an acknowledged beacon is on disk
 * (no journal of our own needed). While commits run, the next batch gathers behind them.
 */
export function createBatchWriter(storage: Storage, { flushMs, maxBatch = 2000, maxInFlight = 2, onFlush }: BatchWriterOptions) {
  let queue: Pending[] = [];
  let cancelScheduled: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();

  // With 0 the commit is handed over right after the requests already read in this turn of the
  // event loop: under load, everything that arrived during one commit goes into the next one.
  function schedule(): void {
    if (cancelScheduled || inFlight.size >= maxInFlight) return;
    const run = () => {
      cancelScheduled = undefined;
      if (inFlight.size < maxInFlight) flush();
    };
    if (flushMs === 0) {
      const immediate = setImmediate(run);
      cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(run, flushMs);
      cancelScheduled = () => clearTimeout(timer);
    }
  }

  function flush(): void {
    cancelScheduled?.();
    cancelScheduled = undefined;
    const batch = queue.slice(0, maxBatch);
    queue = queue.slice(batch.length);
    const started = performance.now();
    const commit = storage
      .insertBeacons(batch.map((pending) => pending.received))
      .then(
        (results) => {
          batch.forEach((pending, index) => pending.resolve(results[index] as Written));
          const rows = results.reduce((sum, result) => sum + result.rows, 0);
          onFlush?.({ seconds: (performance.now() - started) / 1000, beacons: batch.length, rows, failed: false });
        },
        (error: unknown) => {
          batch.forEach((pending) => pending.reject(error));
          onFlush?.({ seconds: (performance.now() - started) / 1000, beacons: batch.length, rows: 0, failed: true });
        },
      )
      .finally(() => {
        inFlight.delete(commit);
        if (queue.length > 0) schedule();
      });
    inFlight.add(commit);
  }

  return {
    /** Resolves once the beacon is committed (or found to be a duplicate); rejects if the commit failed. */
    write(received: ReceivedBeacon): Promise<Written> {
      return new Promise<Written>((resolve, reject) => {
        queue.push({ received, resolve, reject });
        if (queue.length >= maxBatch && inFlight.size < maxInFlight) flush();
        else schedule();
      });
    },
    /** Beacons waiting for a commit. */
    depth: () => queue.length,
    /** Commits everything still waiting; used at shutdown, after the server stopped taking requests. */
    async drain(): Promise<void> {
      while (inFlight.size > 0 || queue.length > 0) {
        if (queue.length > 0 && inFlight.size < maxInFlight) flush();
        else await Promise.race(inFlight);
      }
    },
  };
}

export type BatchWriter = ReturnType<typeof createBatchWriter>;
