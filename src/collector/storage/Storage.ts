import type { Beacon } from '../../protocol/beacon.js';
import type { ProfileStorage } from '../profiles/ProfileStorage.js';
import type { EventRow } from './toEventRow.js';

export interface ViewSummary {
  id: string;
  session: string;
  url: string;
  release: string | null;
  startedAt: number;
  events: number;
}

export interface MeasureDistribution {
  name: string;
  count: number;
  p50: number;
  p75: number;
  p95: number;
}

/** One Core Web Vital over the filtered page views: percentiles and the share of each rating. */
export interface VitalSummary extends MeasureDistribution {
  good: number;
  needsImprovement: number;
  poor: number;
}

export interface TimeBucket {
  /** Start of the bucket, epoch ms. */
  at: number;
  count: number;
  p50: number;
  p75: number;
  p95: number;
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

/** An event as stored (`EventRow`: common columns, the rest of its fields as JSON in `data`), with where it came from. */
export interface StoredEvent extends EventRow {
  batchId: string;
  viewId: string;
  /** Epoch ms: the view's start plus the event's start. */
  at: number;
}

/**
 * Which events a query looks at. Time is the event's epoch ms (`at`); `page` is the view's URL,
 * `route` the SPA route active at the event; the rest come from the view's context.
 */
export interface QueryFilters {
  from?: number;
  to?: number;
  page?: string;
  route?: string;
  release?: string;
  deviceClass?: string;
  connection?: string;
  browser?: string;
}

export interface ReceivedBeacon {
  beacon: Beacon;
  receivedAt: number;
}

export interface Removed {
  batches: number;
  views: number;
  events: number;
}

/**
 * What the collector needs from a database. Every adapter (SQLite embedded, ClickHouse at scale)
 * implements it and passes the same contract suite (test/collector/storageContract.ts). Methods
 * return promises so that a remote database fits the same shape.
 */
export interface Storage {
  /**
   * Stores beacons in one transaction and resolves once it is committed; a batch id already
   * stored (before or earlier in the same call) is ignored and reported as a duplicate.
   */
  insertBeacons(beacons: readonly ReceivedBeacon[]): Promise<{ duplicate: boolean; rows: number }[]>;
  recentViews(site: string, limit: number): Promise<ViewSummary[]>;
  measureDistributions(site: string, filters: QueryFilters): Promise<MeasureDistribution[]>;
  vitals(site: string, filters: QueryFilters): Promise<VitalSummary[]>;
  vitalSeries(site: string, vital: string, bucketMs: number, filters: QueryFilters): Promise<TimeBucket[]>;
  pages(site: string, filters: QueryFilters, limit: number): Promise<PageSummary[]>;
  slowestInteractions(site: string, filters: QueryFilters, limit: number): Promise<SlowInteraction[]>;
  frameScripts(site: string, filters: QueryFilters, limit: number): Promise<FrameScriptSummary[]>;
  events(site: string): Promise<StoredEvent[]>;
  /** Profile windows (stored by `insertBeacons`), their queries, and source maps. */
  profiles: ProfileStorage;
  /** Retention: removes every view, event and batch record older than `cutoff` (epoch ms). */
  deleteBefore(cutoff: number): Promise<Removed>;
  close(): Promise<void>;
}
