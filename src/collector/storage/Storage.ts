import type { AcceptedBeacon } from '../../protocol/beacon.js';
import type {
  DeliverySummary,
  Facets,
  Filters,
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
  ViewProfile,
  ViewSummary,
  VitalSummary,
  VitalTarget,
} from '../../protocol/queryRoutes.js';
import type { AlertStorage } from './AlertStorage.js';
import type { ProfileStorage } from './ProfileStorage.js';

export type {
  DeliverySummary,
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
  ViewProfile,
  ViewSummary,
  VitalSummary,
  VitalTarget,
};

/**
 * Which events a query looks at: the query API's filters (protocol/queryRoutes.ts), as they come.
 * Time is the event's epoch ms (`at`); `page` is the view's URL, `route` the SPA route active at
 * the event; the rest come from the view's context.
 */
export type QueryFilters = Filters;

export interface ReceivedBeacon {
  beacon: AcceptedBeacon;
  receivedAt: number;
  /** Ms the collector added to the beacon's times for its page's clock error (correctClock), 0 or absent when none. */
  clockCorrection?: number;
}

export interface Removed {
  batches: number;
  views: number;
  events: number;
  /** Source maps of releases no stored view has any more. */
  sourceMaps: number;
}

/** What storing one beacon did. */
export interface Inserted {
  /** Its batch id was already stored for its site: nothing was stored again. */
  duplicate: boolean;
  rows: number;
  /** Profile windows left out because its view already had MAX_PROFILES_PER_VIEW. */
  droppedProfiles: number;
}

/** What to erase: one page view, or every page view of a session. */
export type ErasureTarget = { view: string } | { session: string };

/** What an erasure removed: page views, and events (profile windows not counted). */
export interface Erased {
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
   * stored for the same site (before or earlier in the same call) is ignored and reported as a
   * duplicate. Batch and view ids are a site's own: another site may use the same ones.
   */
  insertBeacons(beacons: readonly ReceivedBeacon[]): Promise<Inserted[]>;
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
  /** Per vital with an element in its attribution (LCP, CLS, INP), its elements by how often they were named, `limit` each. */
  vitalTargets(site: string, filters: QueryFilters, limit: number): Promise<VitalTarget[]>;
  longTasks(site: string, filters: QueryFilters, limit: number): Promise<LongTaskSummary[]>;
  navigationPhases(site: string, filters: QueryFilters): Promise<NavigationPhase[]>;
  /** Resource timing summed; `limit` render-blocking URLs and slowest resources. */
  resources(site: string, filters: QueryFilters, limit: number): Promise<ResourceSummary>;
  /** The batches received in the time range (`from`/`to` only): stored, dropped before them, clocks corrected. */
  delivery(site: string, filters: QueryFilters): Promise<DeliverySummary>;
  /** Of `ids`, the batch ids stored for `site`, in any order: what a page need not send again. */
  knownBatches(site: string, ids: readonly string[]): Promise<string[]>;
  /** One page view and its events from `offset`, in the order they happened; undefined when the site has no such view. */
  view(site: string, id: string, offset: number, limit: number): Promise<ViewDetail | undefined>;
  /** What the view's profile windows cover (its windows and attributed spans), in the order they started; none for another site's view. */
  viewProfiles(site: string, id: string): Promise<ViewProfile[]>;
  /** A vital's values in `bins` bins `width` wide from 0, the last taking every value past it (HistogramBin); bins without values left out. */
  vitalHistogram(site: string, vital: string, width: number, bins: number, filters: QueryFilters): Promise<HistogramBin[]>;
  /** The same for a `perf.measure` name's durations. */
  measureHistogram(site: string, measure: string, width: number, bins: number, filters: QueryFilters): Promise<HistogramBin[]>;
  /** Releases with the first and latest start of their page views (all stored views), the newest first. */
  releases(site: string, limit: number): Promise<ReleaseSpan[]>;
  /** Profile windows (stored by `insertBeacons`), their queries, and source maps. */
  profiles: ProfileStorage;
  /** Alerts' last states and the outbox of their webhooks. */
  alerts: AlertStorage;
  /**
   * Retention: removes every view, event and batch record older than `cutoff` (epoch ms), profile
   * frames and stacks nothing refers to any more, and the source maps of releases uploaded before
   * `cutoff` that no stored view has. The collector passes the start of an hour (retentionCutoff),
   * so that hourly summaries and the events they sum go together.
   */
  deleteBefore(cutoff: number): Promise<Removed>;
  /**
   * Erasure (a visitor's request): removes the page view, or every page view of the session, of
   * `site` with everything that holds it: its events and profile windows, its part of the hourly
   * script sums and of the filter values, its page when no other view has it. Every answer is then
   * as if it had never been stored; its batch ids stay, without the view, so that a retried batch
   * is still a duplicate.
   */
  erase(site: string, target: ErasureTarget): Promise<Erased>;
  /**
   * The collectors storing here now, this one included (1 where none can share it): each takes
   * its share of a site's rate limits, so that behind a load balancer the limits hold across them.
   */
  collectors(): number;
  close(): Promise<void>;
}
