import type { Beacon } from './beacon.js';

/** What the page tells its worker once, before the first batch. */
export interface WorkerConfig {
  endpoint: string;
}

/**
 * The one interface between the page and its worker, called through Comlink. The page builds
 * batches (each with its final id); the worker keeps them in its outbox until the collector has
 * acknowledged them, then reports the ids back through `onAcknowledged`.
 */
export interface WorkerApi {
  start(config: WorkerConfig, onAcknowledged: (batchIds: string[]) => void): Promise<void>;
  enqueue(batch: Beacon): Promise<void>;
  flush(): Promise<void>;
}
