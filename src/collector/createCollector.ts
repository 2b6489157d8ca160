import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { siteGuard } from './auth/siteGuard.js';
import type { Config } from './config/Config.js';
import { createOtlpExport } from './export/otlp/createOtlpExport.js';
import { createGroupCommit } from './ingest/createGroupCommit.js';
import { createMetrics, type Metrics } from './metrics/createMetrics.js';
import { erasureRoutes } from './query/erasureRoutes.js';
import { ingestRoute } from './ingest/ingestRoute.js';
import { metricsRoute } from './metrics/metricsRoute.js';
import { startAlerts } from './alerts/startAlerts.js';
import { compareRoutes } from './compare/compareRoutes.js';
import { createProfileReader } from './profiles/createProfileReader.js';
import { createSymbolicator } from './profiles/createSymbolicator.js';
import { registerProfiles } from './profiles/registerProfiles.js';
import { queryRoutes } from './query/queryRoutes.js';
import { securityHeaders } from './http/securityHeaders.js';
import { startRetention } from './storage/startRetention.js';
import { staticRoutes } from './http/staticRoutes.js';
import type { Storage } from './storage/Storage.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The collector's Prometheus metrics (served at `/metrics`, and on `--metrics-port`). */
    pageprofMetrics: Metrics;
  }
}

export interface CollectorOptions {
  storage: Storage;
  config: Config;
  /** The package folder holding `dist/` and `demo/`. */
  root: string;
  logLevel?: string;
  /** Serve the demo app under `/demo/` (pageprof serve does without `--config`, or with `--demo`). */
  demo?: boolean;
  /** The built `symbolicator.mjs`: source maps are then parsed on a thread of their own. */
  symbolicatorThread?: string | URL;
}

/**
 * The collector: ingest, query API, metrics and static files on one fastify app. Closing it
 * stops taking requests, commits every beacon already accepted, then closes storage.
 */
export function createCollector({ storage, config, root, logLevel = 'info', demo = false, symbolicatorThread }: CollectorOptions): FastifyInstance {
  // No log line per request: a flood would flood the logs too; refusals are counted in /metrics.
  const app = Fastify({
    logger: { level: logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    // A hop count trusts that many proxies nearest the collector (proxy-addr counts hops from the socket).
    trustProxy: typeof config.trustProxy === 'number' ? (_address: string, hop: number) => hop < (config.trustProxy as number) : config.trustProxy,
    // A beacon is at most 64 KiB: a client that takes longer than this to send one is a slow-loris.
    requestTimeout: 30_000,
    // A misspelt query parameter (`?relase=`) is refused rather than silently ignored.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const commits = createGroupCommit(storage, {
    flushMs: config.flushMs,
    onCommit: ({ seconds, beacons, rows, failed }) => {
      metrics.flushSeconds.observe(seconds);
      metrics.flushBeacons.observe(beacons);
      metrics.rows.inc(rows);
      if (failed) app.log.error({ beacons }, 'commit failed');
    },
  });
  const metrics = createMetrics(commits.depth);
  app.decorate('pageprofMetrics', metrics);
  const otlp = config.otlp && createOtlpExport(config.otlp, metrics.otlpDropped, (message) => app.log.warn(message));
  const retention = startRetention(storage, config.retentionDays, { metrics, log: app.log });
  const symbolicator = createSymbolicator(storage.profiles, { thread: symbolicatorThread });
  const profileReader = createProfileReader(storage.profiles, symbolicator);

  const alerts = startAlerts(storage, profileReader, config, app.log);

  securityHeaders(app);
  siteGuard(app, { sites: config.sites, failuresPerIp: config.authFailuresPerIp });
  // Every route in one plugin, so that an `onRoute` hook added before the app is ready (the
  // guard's, a test's) sees each of them.
  app.register(async (routes) => {
    routes.get('/healthz', async () => ({ ok: true }));
    metricsRoute(routes, metrics, config.metricsToken);
    ingestRoute(routes, { config, commits, metrics, collectors: storage.collectors, knownBatches: storage.knownBatches, onStored: otlp?.forward });
    queryRoutes(routes, storage, (site) => config.sites.find((candidate) => candidate.id === site));
    erasureRoutes(routes, storage);
    compareRoutes(routes, storage, profileReader, { rule: config.compare, minViews: config.regressions.minViews });
    registerProfiles(routes, storage.profiles, symbolicator, { maps: config.sourceMapsPerSite, bytes: config.sourceMapBytesPerSite });
    staticRoutes(routes, root, { demo });
  });

  app.addHook('onClose', async () => {
    retention.stop();
    await alerts.stop();
    await commits.drain();
    await otlp?.close();
    await symbolicator.close();
    await storage.close();
  });
  return app;
}
