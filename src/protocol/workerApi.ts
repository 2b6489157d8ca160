import type { Beacon, ProfileEvent } from './beacon.js';

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
  /**
   * The site and endpoint the batches are for. The outbox, its upload lock and the page's stash
   * are the origin's, shared by every configuration on it: each is kept apart per scope, so that
   * one configuration never uploads another's batches to its own collector.
   */
  scope: string;
  /** Where the worker loads the profile processor from (`pageprof-profiler.js`), in profiled sessions only. */
  profilerUrl?: string;
}

/**
 * The profiler's sampling interval, ms: the API's finest (Chromium rounds `sampleInterval` up to a
 * multiple of 10 ms). The page asks for it and the worker weights samples by it.
 */
export const SAMPLE_INTERVAL_MS = 10;

/** A trace as the JS Self-Profiling API returns it from `Profiler.stop()` (https://wicg.github.io/js-self-profiling/). */
export interface ProfilerTrace {
  resources: string[];
  frames: { name: string; resourceId?: number; line?: number; column?: number }[];
  stacks: { frameId: number; parentId?: number }[];
  /** A sample without `stackId` was taken while no script ran. */
  samples: { timestamp: number; stackId?: number }[];
}

/**
 * A performance entry the page saw during a window, copied as is (`event` entries with their
 * interactionId, `long-animation-frame`, `longtask`, `measure`); the worker turns them into spans.
 */
export interface ProfileSpanEntry {
  type: string;
  name: string;
  start: number;
  duration: number;
  /** `interactionId` of an `event` entry; 0 otherwise. */
  id: number;
}

/** One finished profiler window: its trace, the entries seen meanwhile, its time range and why it ended. */
export interface ProfileWindow {
  trace: ProfilerTrace;
  entries: ProfileSpanEntry[];
  start: number;
  end: number;
  reason: string;
}

/**
 * The one interface between the page and its worker, called through the messages of
 * workerWire.ts. The page builds batches (each with its final id); the worker keeps them in its
 * outbox until the collector has acknowledged them, then reports the ids back through
 * `onSettled`: acknowledged (by this tab's worker or another tab's), refused for good, or dropped
 * because the outbox was full. The page forgets its copy of a settled batch.
 */
export interface WorkerApi {
  start(config: WorkerConfig, onSettled: (batchIds: string[]) => void): Promise<void>;
  /** Writes the batch to the outbox and schedules its upload. */
  enqueue(batch: Beacon): Promise<Enqueued>;
  /** Waits for pending writes, then tries to upload everything in the outbox now. */
  flush(): Promise<void>;
  /** Folds a profiler window into a compact `profile` event for the page's batcher. */
  processTrace(window: ProfileWindow): Promise<ProfileEvent>;
}
