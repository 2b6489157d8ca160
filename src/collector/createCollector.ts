import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from './config/Config.js';
import { readTokenCheck } from './config/readTokenCheck.js';
import { createBatchWriter } from './createBatchWriter.js';
import { createMetrics } from './createMetrics.js';
import { erasureRoutes } from './erasureRoutes.js';
import { ingestRoute } from './ingestRoute.js';
import { registerProfiles } from './profiles/registerProfiles.js';
import { queryRoutes } from './queryRoutes.js';
import { requireReadToken } from './requireReadToken.js';
import { startRetention } from './startRetention.js';
import { staticRoutes } from './staticRoutes.js';
import type { Storage } from './storage/Storage.js';

export interface CollectorOptions {
  storage: Storage;
  config: Config;
  /** The package folder holding `dist/` and `demo/`. */
  root: string;
  logLevel?: string;
}

/**
 * The collector: ingest, query API, metrics and static files on one fastify app. Closing it
 * stops taking requests, commits every beacon already accepted, then closes storage.
 */
export function createCollector({ storage, config, root, logLevel = 'info' }: CollectorOptions): FastifyInstance {
  // No log line per request: a flood would flood the logs too; refusals are counted in /metrics.
  const app = Fastify({
    logger: { level: logLevel },
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: config.trustProxy,
    // A beacon is at most 64 KiB: a client that takes longer than this to send one is a slow-loris.
    requestTimeout: 30_000,
    // A misspelt query parameter (`?relase=`) is refused rather than silently ignored.
    ajv: { customOptions: { removeAdditional: false } },
  });
  const writer = createBatchWriter(storage, {
    flushMs: config.flushMs,
    onFlush: ({ seconds, beacons, rows, failed }) => {
      metrics.flushSeconds.observe(seconds);
      metrics.flushBeacons.observe(beacons);
      metrics.rows.inc(rows);
      if (failed) app.log.error({ beacons }, 'commit failed');
    },
  });
  const metrics = createMetrics(writer.depth);
  const retention = startRetention(storage, config.retentionDays, { metrics, log: app.log });

  requireReadToken(app, config.sites);
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/metrics', async (_request, reply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  ingestRoute(app, { config, writer, metrics });
  queryRoutes(app, storage);
  erasureRoutes(app, storage);
  registerProfiles(app, storage.profiles, readTokenCheck(config.sites));
  staticRoutes(app, root);

  app.addHook('onClose', async () => {
    retention.stop();
    await writer.drain();
    await storage.close();
  });
  return app;
}
