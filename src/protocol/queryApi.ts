/**
 * The query API's answers (`GET /v1/sites/:site/…`), as the collector sends them and the dashboard
 * reads them: types only (the routes and their schemas are queryRoutes.ts). Times are epoch ms,
 * durations ms; CLS is unitless.
 */

export type {
  DeliverySummary,
  Facets,
  FlameNode,
  FrameScriptSummary,
  FunctionComparison,
  MetricComparison,
  ReleaseComparison,
  ReleaseRegressions,
  Verdict,
  VerdictRule,
  HistogramBin,
  LongTaskSummary,
  MeasureDistribution,
  NavigationPhase,
  PageSummary,
  ProfileTarget,
  RankedFunction,
  ResolvedFrame,
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
