/**
 * The query API's answers (`GET /v1/sites/:site/…`), as the collector sends them and the dashboard
 * reads them: types only. The routes and their schemas are queryRoutes.ts; the profile routes'
 * answers follow. Times are epoch ms, durations ms; CLS is unitless.
 */

export type {
  Facets,
  FrameScriptSummary,
  HistogramBin,
  LongTaskSummary,
  MeasureDistribution,
  NavigationPhase,
  PageSummary,
  ReleaseSpan,
  ResourceSummary,
  SlowInteraction,
  TimeBucket,
  ViewDetail,
  ViewEvent,
  ViewProfile,
  ViewSummary,
  VitalSummary,
  VitalTarget,
} from './queryRoutes.js';

/** A frame after symbolication: the original function, file and 1-based line and column where a map had them. */
export interface ResolvedFrame {
  name: string;
  file: string;
  line: number;
  column: number;
}

/**
 * Profile times are sampled time, ms: each sample stands for the time to the next one (capped).
 * `estimated` says some of a figure comes from SDKs of protocol 1, which sent sample counts only:
 * that part is samples × the window's mean interval, which Chromium's bursts of samples can make
 * several times the truth. Sample counts say how many samples a figure rests on (those of protocol
 * 1 windows stored before protocol 2 are not known and count 0).
 */
export interface RankedFunction extends ResolvedFrame {
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
  estimated: boolean;
}

/** An attribution target (`window` is a whole profiler window), how often it was profiled, and its sampled time. */
export interface ProfileTarget {
  kind: string;
  name: string;
  count: number;
  ms: number;
  samples: number;
  estimated: boolean;
}

/** A node of a flame graph: a frame under its callers, with the time sampled in it and below it (the answer's `estimated` as for functions). */
export interface FlameNode extends ResolvedFrame {
  ms: number;
  children: FlameNode[];
}
