import type { Beacon, ProfileEvent } from './beacon.js';

/** What the page tells its worker once, before the first batch. */
export interface WorkerConfig {
  endpoint: string;
}

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
 * The one interface between the page and its worker, called through Comlink. The page builds
 * batches (each with its final id); the worker keeps them in its outbox until the collector has
 * acknowledged them, then reports the ids back through `onAcknowledged`.
 */
export interface WorkerApi {
  start(config: WorkerConfig, onAcknowledged: (batchIds: string[]) => void): Promise<void>;
  enqueue(batch: Beacon): Promise<void>;
  flush(): Promise<void>;
  /**
   * Folds a profiler window into a compact `profile` event for the page's batcher. At page exit
   * the page cannot wait for the answer: it passes an empty `exitBatch`, and the worker puts the
   * event in it and enqueues it itself (resolving to undefined).
   */
  processTrace(window: ProfileWindow, exitBatch?: Beacon): Promise<ProfileEvent | undefined>;
}
