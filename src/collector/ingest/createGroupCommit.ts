import type { Inserted, ReceivedBeacon, Storage } from '../storage/Storage.js';

type Written = Inserted;

interface Pending {
  received: ReceivedBeacon;
  resolve(written: Written): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** How long the first beacon of a commit waits for others, ms (0: the next turn of the event loop). */
  flushMs: number;
  /** Most beacons per transaction. */
  maxBeacons?: number;
  /**
   * Commits handed to storage and not yet done. Two keep a writer thread busy: the next commit
   * is already waiting when one commit ends. Storage commits them in order.
   */
  maxInFlight?: number;
  onCommit?(commit: { seconds: number; beacons: number; rows: number; failed: boolean }): void;
}

/**
 * Group commit: beacons that arrive close together share one transaction, and each caller's
 * promise settles only once that transaction is committed, so an acknowledged beacon is on disk
 * (no journal of our own needed). While commits run, the next one gathers behind them.
 */
export function createGroupCommit(storage: Storage, { flushMs, maxBeacons = 2000, maxInFlight = 2, onCommit }: GroupCommitOptions) {
  let queue: Pending[] = [];
  let cancelScheduled: (() => void) | undefined;
  const inFlight = new Set<Promise<void>>();

  // With 0 the commit is handed over right after the requests already read in this turn of the
  // event loop: under load, everything that arrived during one commit goes into the next one.
  function schedule(): void {
    if (cancelScheduled || inFlight.size >= maxInFlight) return;
    const run = () => {
      cancelScheduled = undefined;
      if (inFlight.size < maxInFlight) commitNext();
    };
    if (flushMs === 0) {
      const immediate = setImmediate(run);
      cancelScheduled = () => clearImmediate(immediate);
    } else {
      const timer = setTimeout(run, flushMs);
      cancelScheduled = () => clearTimeout(timer);
    }
  }

  function commitNext(): void {
    cancelScheduled?.();
    cancelScheduled = undefined;
    const taken = queue.slice(0, maxBeacons);
    queue = queue.slice(taken.length);
    const started = performance.now();
    const commit = storage
      .insertBeacons(taken.map((pending) => pending.received))
      .then(
        (results) => {
          taken.forEach((pending, index) => pending.resolve(results[index] as Written));
          const rows = results.reduce((sum, result) => sum + result.rows, 0);
          onCommit?.({ seconds: (performance.now() - started) / 1000, beacons: taken.length, rows, failed: false });
        },
        (error: unknown) => {
          taken.forEach((pending) => pending.reject(error));
          onCommit?.({ seconds: (performance.now() - started) / 1000, beacons: taken.length, rows: 0, failed: true });
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
        if (queue.length >= maxBeacons && inFlight.size < maxInFlight) commitNext();
        else schedule();
      });
    },
    /** Beacons waiting for a commit. */
    depth: () => queue.length,
    /** Commits everything still waiting; used at shutdown, after the server stopped taking requests. */
    async drain(): Promise<void> {
      while (inFlight.size > 0 || queue.length > 0) {
        if (queue.length > 0 && inFlight.size < maxInFlight) commitNext();
        else await Promise.race(inFlight);
      }
    },
  };
}

export type GroupCommit = ReturnType<typeof createGroupCommit>;
