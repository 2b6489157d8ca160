import type { AcceptedBeacon } from '../../protocol/beacon.js';
import type {
  Facets,
  FrameScriptSummary,
  MeasureDistribution,
  PageSummary,
  SlowInteraction,
  TimeBucket,
  ViewSummary,
  VitalSummary,
} from '../../protocol/queryApi.js';
import type { ProfileStorage } from '../profiles/ProfileStorage.js';
import type { EventRow } from './toEventRow.js';

export type { Facets, FrameScriptSummary, MeasureDistribution, PageSummary, SlowInteraction, TimeBucket, ViewSummary, VitalSummary };

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
  beacon: AcceptedBeacon;
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
  /** Page views newest first; `from`/`to` apply to the view's start, `route` to any of its events. */
  recentViews(site: string, filters: QueryFilters, limit: number): Promise<ViewSummary[]>;
  /** The values of the view filters among views started in the time range (`from`/`to` only). */
  facets(site: string, filters: QueryFilters): Promise<Facets>;
  measureDistributions(site: string, filters: QueryFilters): Promise<MeasureDistribution[]>;
  vitals(site: string, filters: QueryFilters): Promise<VitalSummary[]>;
  vitalSeries(site: string, vital: string, bucketMs: number, filters: QueryFilters): Promise<TimeBucket[]>;
  pages(site: string, filters: QueryFilters, limit: number): Promise<PageSummary[]>;
  slowestInteractions(site: string, filters: QueryFilters, limit: number): Promise<SlowInteraction[]>;
  frameScripts(site: string, filters: QueryFilters, limit: number): Promise<FrameScriptSummary[]>;
  events(site: string): Promise<StoredEvent[]>;
  /** Profile windows (stored by `insertBeacons`), their queries, and source maps. */
  profiles: ProfileStorage;
  /**
   * Retention: removes every view, event and batch record older than `cutoff` (epoch ms). The
   * collector passes the start of an hour (retentionCutoff), so that hourly summaries and the
   * events they sum go together.
   */
  deleteBefore(cutoff: number): Promise<Removed>;
  close(): Promise<void>;
}
