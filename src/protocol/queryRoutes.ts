import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { MAX_TAG_VALUE, TAG_NAME_PATTERN, VITAL_NAMES } from './limits.js';

/**
 * The query API (`GET /v1/sites/:site/…`), defined once: each route's query parameters and its
 * answer. The collector validates requests and serialises answers from these schemas; the
 * dashboard's client is typed from them. Times are epoch ms, durations ms; CLS is unitless.
 */

const text = (maxLength: number) => Type.String({ minLength: 1, maxLength });
const nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const limit = (maximum: number, fallback: number) => Type.Integer({ minimum: 1, maximum, default: fallback });
/** A query string that refuses every parameter it does not declare. */
const query = <T extends TProperties>(properties: T) => Type.Object(properties, { additionalProperties: false });

export const DEVICE_CLASSES = ['mobile', 'tablet', 'desktop'] as const;
/** The vitals whose attribution names an element: LCP's element, CLS's largest shift, INP's target. */
export const ELEMENT_VITALS = ['LCP', 'CLS', 'INP'] as const;

/** The filters every route takes: a time range and the page view's context. */
export const filterProperties = {
  from: Type.Optional(Type.Integer({ minimum: 0 })),
  to: Type.Optional(Type.Integer({ minimum: 0 })),
  page: Type.Optional(text(1024)),
  route: Type.Optional(text(256)),
  release: Type.Optional(text(128)),
  device: Type.Optional(Type.Union(DEVICE_CLASSES.map((device) => Type.Literal(device)))),
  connection: Type.Optional(text(16)),
  browser: Type.Optional(text(32)),
  /** A custom tag of the page view, `name:value` (`experiment:checkout-b`). */
  tag: Type.Optional(Type.String({ maxLength: 33 + MAX_TAG_VALUE, pattern: `${TAG_NAME_PATTERN.slice(0, -1)}:.{1,${MAX_TAG_VALUE}}$` })),
};
export const Filters = query(filterProperties);
export type Filters = Static<typeof Filters>;
const filtered = <T extends TProperties>(extra: T) => query({ ...filterProperties, ...extra });

const Percentiles = { count: Type.Integer(), p50: Type.Number(), p75: Type.Number(), p95: Type.Number() };
/**
 * Set when percentiles come from hourly histograms (a large range: above the collector's exact
 * bound), each within 1% of the exact one; counts and rating shares are exact all the same. A
 * histogram's bin so made counts each value as its histogram bucket's, within 1% of it.
 */
const approximate = { approximate: Type.Optional(Type.Literal(true)) };

export const ViewSummary = Type.Object({
  id: Type.String(),
  session: Type.String(),
  url: Type.String(),
  release: nullable(Type.String()),
  browser: nullable(Type.String()),
  deviceClass: nullable(Type.String()),
  connection: nullable(Type.String()),
  startedAt: Type.Number(),
  events: Type.Integer(),
});
export const MeasureDistribution = Type.Object({ name: Type.String(), ...Percentiles, ...approximate });
/**
 * One Core Web Vital over the filtered page views. `count` is of the values sampled; `weighted`
 * counts each value 1/sampleRate times (its session's `data-sample-rate`): the page views it
 * stands for. The rating shares are weighted so; the percentiles are of the sampled values.
 */
export const VitalSummary = Type.Object({
  name: Type.String(),
  ...Percentiles,
  weighted: Type.Number(),
  good: Type.Number(),
  needsImprovement: Type.Number(),
  poor: Type.Number(),
  ...approximate,
});
export const TimeBucket = Type.Object({ at: Type.Number(), ...Percentiles, ...approximate });
export const PageSummary = Type.Object({
  url: Type.String(),
  views: Type.Integer(),
  /** The page views they stand for: each counted 1/sampleRate times. */
  weightedViews: Type.Number(),
  /** p75 of each vital on this page; null when none was reported. */
  LCP: nullable(Type.Number()),
  INP: nullable(Type.Number()),
  CLS: nullable(Type.Number()),
  ...approximate,
});
export const SlowInteraction = Type.Object({
  viewId: Type.String(),
  /** The event type (`click`, `keydown`, …): the name its profile target has. */
  name: Type.String(),
  url: Type.String(),
  release: nullable(Type.String()),
  route: nullable(Type.String()),
  at: Type.Number(),
  duration: Type.Number(),
  /** The rest of the event: target, phases, scripts (as stored). */
  attribution: Type.Record(Type.String(), Type.Unknown()),
});
export const FrameScriptSummary = Type.Object({
  url: Type.String(),
  fn: Type.String(),
  invoker: Type.String(),
  invokerType: Type.String(),
  count: Type.Integer(),
  /** Sum and longest of the script's durations inside long animation frames, ms. */
  total: Type.Number(),
  max: Type.Number(),
});
/** The values each view filter takes in a time range, most recent first: what a filter bar offers. */
export const Facets = Type.Object({
  pages: Type.Array(Type.String()),
  releases: Type.Array(Type.String()),
  devices: Type.Array(Type.String()),
  browsers: Type.Array(Type.String()),
  connections: Type.Array(Type.String()),
  /** Custom tags as `name:value`. */
  tags: Type.Array(Type.String()),
});
/** An element a vital's attribution names (LCP's element, CLS's largest shift, INP's target): how often, and the vital's p75 there. */
export const VitalTarget = Type.Object({ vital: Type.String(), target: Type.String(), count: Type.Integer(), p75: Type.Number() });
/** Long tasks of a page and route by their attribution, heaviest total blocking time (the time past 50 ms) first. */
export const LongTaskSummary = Type.Object({
  url: Type.String(),
  route: nullable(Type.String()),
  /** The Long Tasks API's attribution: `self`, `same-origin-ancestor`, …, and the container (`window`, `iframe`). */
  name: Type.String(),
  container: nullable(Type.String()),
  count: Type.Integer(),
  blocking: Type.Number(),
  p75: Type.Number(),
  max: Type.Number(),
});
/** One phase of navigation timing (dns, connect, request, response, …) over the filtered page loads. */
export const NavigationPhase = Type.Object({ phase: Type.String(), ...Percentiles });
const ResourceTotals = { count: Type.Integer(), transfer: Type.Number(), decoded: Type.Number(), cached: Type.Integer(), duration: Type.Number() };
/** Resource timing summed over the filtered page views: by type and origin, render-blocking URLs, the slowest resources. */
export const ResourceSummary = Type.Object({
  byType: Type.Array(Type.Object({ type: Type.String(), ...ResourceTotals })),
  byOrigin: Type.Array(Type.Object({ origin: Type.String(), ...ResourceTotals })),
  renderBlocking: Type.Array(Type.Object({ url: Type.String(), views: Type.Integer() })),
  slowest: Type.Array(Type.Object({ url: Type.String(), initiator: Type.String(), count: Type.Integer(), p75: Type.Number(), max: Type.Number() })),
});
/** An event of one page view as it was sent: its common fields and the rest of its own. */
export const ViewEvent = Type.Object({
  type: Type.String(),
  name: Type.String(),
  start: Type.Number(),
  duration: nullable(Type.Number()),
  value: nullable(Type.Number()),
  route: nullable(Type.String()),
  fields: Type.Record(Type.String(), Type.Unknown()),
});
/** One page view with its context and a page of its events, in the order they happened. */
export const ViewDetail = Type.Object({
  view: Type.Composite([ViewSummary, Type.Object({ env: nullable(Type.String()), sdk: Type.String(), context: Type.Record(Type.String(), Type.Unknown()) })]),
  events: Type.Array(ViewEvent),
  /** All of the view's events, of which `events` is the page from `offset`. */
  total: Type.Integer(),
});

/**
 * How the site's pages delivered, over the batches received in the range: how many were stored,
 * how many their outboxes dropped before them, and how many came from a clock the collector
 * corrected (arrival minus send time beyond two minutes), with the size of the largest correction, ms.
 */
export const DeliverySummary = Type.Object({
  batches: Type.Integer(),
  dropped: Type.Integer(),
  corrected: Type.Integer(),
  largestCorrection: Type.Number(),
});

/** A frame after symbolication: the original function, file and 1-based line and column where a map had them. */
export const ResolvedFrame = Type.Object({ name: Type.String(), file: Type.String(), line: Type.Integer(), column: Type.Integer() });
/**
 * Profile times are sampled time, ms: each sample stands for the time to the next one (capped).
 * `estimated` says some of a figure comes from SDKs of protocol 1, which sent sample counts only:
 * that part is samples × the window's mean interval, which Chromium's bursts of samples can make
 * several times the truth. Sample counts say how many samples a figure rests on (those of protocol
 * 1 windows stored before protocol 2 are not known and count 0).
 */
export const RankedFunction = Type.Object({
  ...ResolvedFrame.properties,
  selfMs: Type.Number(),
  totalMs: Type.Number(),
  selfSamples: Type.Integer(),
  totalSamples: Type.Integer(),
  estimated: Type.Boolean(),
});
/** An attribution target (`window` is a whole profiler window), how often it was profiled, and its sampled time. */
export const ProfileTarget = Type.Object({
  kind: Type.String(),
  name: Type.String(),
  count: Type.Integer(),
  ms: Type.Number(),
  samples: Type.Integer(),
  estimated: Type.Boolean(),
});
/** A node of a flame graph: a frame under its callers, with the time sampled in it and below it. */
export interface FlameNode extends Static<typeof ResolvedFrame> {
  ms: number;
  children: FlameNode[];
}
// Serialised as it is: a recursive schema would cost fast-json-stringify more than it saves.
const FlameTree = Type.Unsafe<FlameNode>({});

/** What a profile query may be about: a whole window or an attribution target, by kind, name and interaction id. */
export const TARGET_KINDS = ['window', 'interaction', 'loaf', 'longtask', 'measure'] as const;
/** Profiles follow the time range, page, route and release filters: they do not record the device and its network. */
const profileFilterProperties = {
  from: filterProperties.from,
  to: filterProperties.to,
  page: filterProperties.page,
  route: filterProperties.route,
  release: filterProperties.release,
};
const targetProperties = {
  ...profileFilterProperties,
  kind: Type.Union(
    TARGET_KINDS.map((kind) => Type.Literal(kind)),
    { default: 'window' },
  ),
  name: Type.Optional(Type.String({ maxLength: 256 })),
  id: Type.Optional(Type.Integer({ minimum: 0 })),
};
/** `…/profiles/export?format=…`: the query of a profile route, as a file (its answer is not JSON). */
export const ProfileExportQuery = query({
  ...targetProperties,
  format: Type.Union([Type.Literal('speedscope'), Type.Literal('pprof'), Type.Literal('folded')]),
});
export type ProfileExportQuery = Static<typeof ProfileExportQuery>;
/**
 * A histogram's bins, `width` wide from 0: bin `i` counts the values in [i·width, (i+1)·width), and
 * the last of `bins` bins also every value past it, so that a long tail stays in the picture.
 * Only bins with values are listed, by `start`.
 */
export const HistogramBin = Type.Object({ start: Type.Number(), count: Type.Integer(), ...approximate });
const histogramOf = { width: Type.Number({ exclusiveMinimum: 0, maximum: 86_400_000 }), bins: Type.Integer({ minimum: 1, maximum: 200, default: 40 }) };
/** A release as its page views tell it: the first and the latest view seen with it, over all stored views. */
export const ReleaseSpan = Type.Object({ release: Type.String(), firstSeen: Type.Number(), lastSeen: Type.Number(), views: Type.Integer() });
/**
 * What a page view's profiles cover: its profiler windows (`kind` window) and the spans their
 * samples were attributed to (an interaction, with its interactionId as `id`; a long frame, task
 * or measure), each with its start in the view and the time sampled in it.
 */
export const ViewProfile = Type.Object({ kind: Type.String(), name: Type.String(), start: Type.Number(), id: nullable(Type.Integer()), ms: Type.Number() });
/** What a site's snippet needs: its public write key (it is in every page's script tag anyway). */
/** What the dashboard needs of the site's config: the key for its snippet, the template of its trace links. */
export const SiteSetup = Type.Object({ site: Type.String(), writeKey: Type.String(), traceUrl: Type.Optional(Type.String()) });

/** How a comparison is called: the verdicts and the rule behind them (README, "Comparing releases"). */
export const VERDICTS = ['regressed', 'improved', 'unchanged'] as const;
const Verdict = Type.Union(VERDICTS.map((verdict) => Type.Literal(verdict)));
const ReleaseP75 = Type.Object({ p75: Type.Number(), count: Type.Integer() });
/** A vital or a measure in two releases: p75 of each, head − base, its 95% bootstrap interval, the verdict. */
export const MetricComparison = Type.Object({
  name: Type.String(),
  base: ReleaseP75,
  head: ReleaseP75,
  change: Type.Number(),
  interval: Type.Tuple([Type.Number(), Type.Number()]),
  verdict: Verdict,
});
/**
 * A function in one release: its self and total time per profiled second (ms/s), its self time per
 * profiled window (ms), and the self samples behind them.
 */
const FunctionRate = Type.Object({ self: Type.Number(), total: Type.Number(), perWindow: Type.Number(), samples: Type.Integer() });
/**
 * A function in two releases: its rates, the change of its self time per profiled window (ms) with
 * a 95% interval, the samples both rest on. Per window, not per second: a window follows a burst of
 * slow work, so a function twice as slow makes its window longer and its share of it moves little.
 */
export const FunctionComparison = Type.Object({
  ...ResolvedFrame.properties,
  base: FunctionRate,
  head: FunctionRate,
  change: Type.Number(),
  interval: Type.Tuple([Type.Number(), Type.Number()]),
  samples: Type.Integer(),
  verdict: Verdict,
});
/** The rule the verdicts follow: a minimum count in each release, a minimum relative change, and the false-discovery rate. */
export const VerdictRule = Type.Object({ minSamples: Type.Integer(), minChange: Type.Number(), falseDiscoveryRate: Type.Number() });
export const ReleaseComparison = Type.Object({
  base: Type.String(),
  head: Type.String(),
  /** Profiled time of each release, ms, and its profiler windows: what the functions' rates are per second and per window of. */
  profiled: Type.Object({ base: Type.Number(), head: Type.Number() }),
  windows: Type.Object({ base: Type.Integer(), head: Type.Integer() }),
  vitals: Type.Array(MetricComparison),
  measures: Type.Array(MetricComparison),
  functions: Type.Array(FunctionComparison),
  rule: VerdictRule,
});
const { release: _release, ...comparedFilters } = filterProperties;
/** `compare`: two releases under the same filters. */
export const CompareQuery = query({ ...comparedFilters, base: text(128), head: text(128) });

/** A release compared with the one before it (whose first page view came last before its own): what regressed. */
export const ReleaseRegressions = Type.Object({
  release: Type.String(),
  base: Type.String(),
  firstSeen: Type.Number(),
  views: Type.Integer(),
  vitals: Type.Array(MetricComparison),
  measures: Type.Array(MetricComparison),
  functions: Type.Array(FunctionComparison),
});

const answer = <K extends string, T extends TSchema>(key: K, schema: T) => Type.Object({ [key]: schema } as { [P in K]: T });

/** Every query route: its path below `/v1/sites/:site/`, what it takes, what it answers. */
export const queryRoutes = {
  views: { querystring: filtered({ limit: limit(500, 50) }), response: answer('views', Type.Array(ViewSummary)) },
  'views/:id': {
    querystring: query({ offset: Type.Integer({ minimum: 0, default: 0 }), limit: limit(1000, 500) }),
    response: ViewDetail,
  },
  'views/:id/profiles': { querystring: query({}), response: answer('profiles', Type.Array(ViewProfile)) },
  facets: { querystring: Filters, response: answer('facets', Facets) },
  releases: { querystring: query({ limit: limit(100, 20) }), response: answer('releases', Type.Array(ReleaseSpan)) },
  setup: { querystring: query({}), response: SiteSetup },
  measures: { querystring: Filters, response: answer('measures', Type.Array(MeasureDistribution)) },
  'measures/histogram': { querystring: filtered({ name: text(256), ...histogramOf }), response: answer('histogram', Type.Array(HistogramBin)) },
  vitals: { querystring: Filters, response: answer('vitals', Type.Array(VitalSummary)) },
  'vitals/series': {
    querystring: filtered({
      vital: Type.Union(VITAL_NAMES.map((name) => Type.Literal(name))),
      bucket: Type.Integer({ minimum: 60_000, maximum: 30 * 86_400_000, default: 3_600_000 }),
    }),
    response: answer('series', Type.Array(TimeBucket)),
  },
  'vitals/histogram': {
    querystring: filtered({ vital: Type.Union(VITAL_NAMES.map((name) => Type.Literal(name))), ...histogramOf }),
    response: answer('histogram', Type.Array(HistogramBin)),
  },
  'vitals/targets': { querystring: filtered({ limit: limit(100, 10) }), response: answer('targets', Type.Array(VitalTarget)) },
  pages: { querystring: filtered({ limit: limit(500, 50) }), response: answer('pages', Type.Array(PageSummary)) },
  interactions: { querystring: filtered({ limit: limit(200, 20) }), response: answer('interactions', Type.Array(SlowInteraction)) },
  scripts: { querystring: filtered({ limit: limit(200, 20) }), response: answer('scripts', Type.Array(FrameScriptSummary)) },
  longtasks: { querystring: filtered({ limit: limit(200, 20) }), response: answer('longtasks', Type.Array(LongTaskSummary)) },
  navigation: { querystring: Filters, response: answer('phases', Type.Array(NavigationPhase)) },
  resources: { querystring: filtered({ limit: limit(100, 10) }), response: answer('resources', ResourceSummary) },
  'profiles/targets': { querystring: query(profileFilterProperties), response: answer('targets', Type.Array(ProfileTarget)) },
  'profiles/functions': {
    querystring: query({ ...targetProperties, limit: limit(1000, 50) }),
    response: answer('functions', Type.Array(RankedFunction)),
  },
  'profiles/tree': { querystring: query(targetProperties), response: Type.Object({ tree: FlameTree, estimated: Type.Boolean() }) },
  compare: { querystring: CompareQuery, response: ReleaseComparison },
  regressions: { querystring: query({ limit: limit(20, 5) }), response: answer('regressions', Type.Array(ReleaseRegressions)) },
  delivery: {
    querystring: query({ from: filterProperties.from, to: filterProperties.to }),
    response: answer('delivery', DeliverySummary),
  },
} satisfies Record<string, { querystring: TObject; response: TSchema }>;

export type QueryRoutes = typeof queryRoutes;
export type QueryPath = keyof QueryRoutes;
/** What a route takes (its defaults filled in) and what it answers. */
export type QueryOf<P extends QueryPath> = Static<QueryRoutes[P]['querystring']>;
export type AnswerOf<P extends QueryPath> = Static<QueryRoutes[P]['response']>;

export type ViewSummary = Static<typeof ViewSummary>;
export type MeasureDistribution = Static<typeof MeasureDistribution>;
export type VitalSummary = Static<typeof VitalSummary>;
export type TimeBucket = Static<typeof TimeBucket>;
export type PageSummary = Static<typeof PageSummary>;
export type SlowInteraction = Static<typeof SlowInteraction>;
export type FrameScriptSummary = Static<typeof FrameScriptSummary>;
export type Facets = Static<typeof Facets>;
export type VitalTarget = Static<typeof VitalTarget>;
export type LongTaskSummary = Static<typeof LongTaskSummary>;
export type NavigationPhase = Static<typeof NavigationPhase>;
export type ResourceSummary = Static<typeof ResourceSummary>;
export type ViewEvent = Static<typeof ViewEvent>;
export type ViewDetail = Static<typeof ViewDetail>;
export type DeliverySummary = Static<typeof DeliverySummary>;
export type ResolvedFrame = Static<typeof ResolvedFrame>;
export type RankedFunction = Static<typeof RankedFunction>;
export type ProfileTarget = Static<typeof ProfileTarget>;
export type HistogramBin = Static<typeof HistogramBin>;
export type ReleaseSpan = Static<typeof ReleaseSpan>;
export type ViewProfile = Static<typeof ViewProfile>;
export type SiteSetup = Static<typeof SiteSetup>;
export type Verdict = (typeof VERDICTS)[number];
export type MetricComparison = Static<typeof MetricComparison>;
export type FunctionComparison = Static<typeof FunctionComparison>;
export type VerdictRule = Static<typeof VerdictRule>;
export type ReleaseComparison = Static<typeof ReleaseComparison>;
export type ReleaseRegressions = Static<typeof ReleaseRegressions>;
