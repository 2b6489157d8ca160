/**
 * The query API's answers (`GET /v1/sites/:site/…`), as the collector sends them and the dashboard
 * reads them: types only. Times are epoch ms, durations ms; CLS is unitless.
 */

export interface ViewSummary {
  id: string;
  session: string;
  url: string;
  release: string | null;
  browser: string | null;
  deviceClass: string | null;
  connection: string | null;
  startedAt: number;
  events: number;
}

/** How many values, and their percentiles. */
export interface Percentiles {
  count: number;
  p50: number;
  p75: number;
  p95: number;
}

export interface MeasureDistribution extends Percentiles {
  name: string;
}

/** One Core Web Vital over the filtered page views: percentiles and the share of each rating. */
export interface VitalSummary extends MeasureDistribution {
  good: number;
  needsImprovement: number;
  poor: number;
}

export interface TimeBucket extends Percentiles {
  /** Start of the bucket, epoch ms. */
  at: number;
}

export interface PageSummary {
  url: string;
  views: number;
  /** p75 of each vital on this page; null when none was reported. */
  LCP: number | null;
  INP: number | null;
  CLS: number | null;
}

export interface SlowInteraction {
  viewId: string;
  /** The event type (`click`, `keydown`, …): the name its profile target has. */
  name: string;
  url: string;
  release: string | null;
  route: string | null;
  at: number;
  duration: number;
  /** The rest of the event: target, phases, scripts (as stored). */
  attribution: Record<string, unknown>;
}

export interface FrameScriptSummary {
  url: string;
  fn: string;
  invoker: string;
  invokerType: string;
  count: number;
  /** Sum and longest of the script's durations inside long animation frames, ms. */
  total: number;
  max: number;
}

/** The values each view filter takes in a time range, most recent first: what a filter bar offers. */
export interface Facets {
  pages: string[];
  releases: string[];
  devices: string[];
  browsers: string[];
  connections: string[];
}

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
