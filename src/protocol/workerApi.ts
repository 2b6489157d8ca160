import type { Beacon } from './beacon.js';

/**
 * What became of an enqueued batch: `dropped` is the count the worker attached to it (0 when
 * none), so the page's copy says the same if the page ends up sending it; `durable` is false when
 * the outbox lives in memory only (no IndexedDB), so the page must keep its own copy past exit.
 */
export interface Enqueued {
  dropped: number;
  durable: boolean;
}

/** What the page tells its worker once, before the first batch. */
export interface WorkerConfig {
  endpoint: string;
}

/**
 * The one interface between the page and its worker, called through Comlink. The page builds
 * batches (each with its final id); the worker keeps them in its outbox until the collector has
 * acknowledged them, then reports the ids back through `onSettled`: acknowledged (by this tab's
 * worker or another tab's), refused for good, or dropped because the outbox was full. The page
 * forgets its copy of a settled batch.
 */
export interface WorkerApi {
  start(config: WorkerConfig, onSettled: (batchIds: string[]) => void): Promise<void>;
  /** Writes the batch to the outbox and schedules its upload. */
  enqueue(batch: Beacon): Promise<Enqueued>;
  /** Waits for pending writes, then tries to upload everything in the outbox now. */
  flush(): Promise<void>;
}
