import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { KnownBatchesQuery, type AcceptedBeacon } from '../../protocol/beacon.js';
import { MAX_BEACON_BYTES, MAX_JSON_DEPTH } from '../../protocol/limits.js';
import { beaconCors } from './beaconCors.js';
import { checkBeaconConsistency } from './checkBeaconConsistency.js';
import { checkBeaconTime } from './checkBeaconTime.js';
import { correctClock } from './correctClock.js';
import type { Config, Site } from '../config/Config.js';
import { isOriginAllowed } from '../config/isOriginAllowed.js';
import { refusedOriginLog } from './refusedOriginLog.js';
import { pageGrouper } from '../config/pageGroups.js';
import type { GroupCommit } from './createGroupCommit.js';
import type { Metrics, Rejection } from '../metrics/createMetrics.js';
import { createRowBudget } from './createRowBudget.js';
import { decodeBody } from './decodeBody.js';
import { drainBody } from './drainBody.js';
import { exceedsJsonDepth } from './exceedsJsonDepth.js';
import { validateBeacon } from './validateBeacon.js';

/** Content types a beacon may arrive as: `sendBeacon` sends a string as `text/plain`, a Blob as octet-stream. */
const BEACON_TYPES = ['application/json', 'text/plain', 'application/octet-stream'];
const MINUTE = 60_000;
/** What is read and dropped of a refused body so that its client sees the answer. */
const MAX_DRAIN_BYTES = 16 * 1024 * 1024;
const DAY = 86_400_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** Why the beacon was refused, for the rejection metric. */
    rejection: Rejection | undefined;
    /** The site a validated beacon is for: the key of the per-site rate limit. */
    beaconSite: string;
  }
}

export interface IngestOptions {
  config: Config;
  commits: GroupCommit;
  metrics: Metrics;
  /** The collectors sharing the storage (Storage.collectors): each takes its share of the per-site limits. */
  collectors(): number;
  /** Of these batch ids, those stored for the site (Storage.knownBatches). */
  knownBatches(site: string, ids: readonly string[]): Promise<string[]>;
  /** Called with each beacon once it is stored (not with a duplicate): the OTLP export's hand-off, which must not block. */
  onStored?(beacon: AcceptedBeacon): void;
}

/**
 * `POST /v1/beacon`. Cheapest refusals first: per-IP rate (before the body is read), size,
 * content type, encoding, nesting (before `JSON.parse`), JSON and schema, consistency and row
 * cost, timestamps, site and write key, origin, per-site rate and row budget, queue depth. Answers 200 only once the beacon is committed (or was already stored: a retried
 * batch is acknowledged, not stored twice); every refusal is a 4xx (or 503) naming its reason.
 * And `POST /v1/beacon/known`, behind the same per-IP rate, site, write key and origin.
 */
const knownQuery = TypeCompiler.Compile(KnownBatchesQuery);

export function ingestRoute(app: FastifyInstance, { config, commits, metrics, collectors, knownBatches, onStored }: IngestOptions): void {
  const shareOf = (limit: number) => Math.ceil(limit / collectors());
  const sites = new Map<string, Site>(config.sites.map((site) => [site.id, site]));
  const selfOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;
  const anySiteAllows = (origin: string, request: FastifyRequest) => config.sites.some((site) => isOriginAllowed(site, origin, selfOrigin(request)));
  const rowBudget = config.rowsPerSite > 0 ? createRowBudget(() => shareOf(config.rowsPerSite)) : undefined;
  const logRefusedOrigin = refusedOriginLog();
  const groupPage = new Map(config.sites.map((site) => [site.id, pageGrouper(site.pageGroups)]));

  app.register(async (scope) => {
    scope.decorateRequest('rejection', undefined);
    scope.decorateRequest('beaconSite', '');

    beaconCors(scope, '/v1/beacon', anySiteAllows);

    await scope.register(fastifyRateLimit, {
      global: config.ratePerIp > 0,
      hook: 'onRequest',
      max: config.ratePerIp,
      timeWindow: MINUTE,
      errorResponseBuilder: (request, context) => {
        request.rejection = 'rate_ip';
        return { statusCode: 429, message: `rate limit exceeded (this address), retry in ${context.after}` };
      },
    });
    // Keys of their own (site ids never contain '.' or ':', so none equals an address of the per-IP limit).
    const checkSiteRate = scope.createRateLimit({ keyGenerator: (request) => `site:${request.beaconSite}`, max: () => shareOf(config.ratePerSite) });

    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(BEACON_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BEACON_BYTES }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('*', (request, _payload, done) => {
      request.rejection = 'content_type';
      const type = request.headers['content-type'] ?? 'none';
      done(Object.assign(new Error(`unsupported content type: ${type}`), { statusCode: 415 }), undefined);
    });

    // Refusals raised by fastify and its plugins (body too large, content type, rate) get the
    // same `{ error }` body as the route's own; an unexpected failure does not leak its message.
    scope.setErrorHandler(async (error: { statusCode?: number; message?: string }, request, reply) => {
      const status = error.statusCode ?? 500;
      await drainBody(request.raw, MAX_DRAIN_BYTES);
      if (status >= 500) request.log.error({ err: error }, 'ingest failed');
      return reply.code(status).send({ error: status >= 500 ? 'internal error' : error.message });
    });

    scope.addHook('onResponse', async (request, reply) => {
      if (reply.statusCode < 400) return;
      request.rejection ??= reply.statusCode === 413 ? 'too_large' : 'other';
      metrics.rejected.inc({ reason: request.rejection });
    });

    const refuse = (request: FastifyRequest, reply: FastifyReply, status: number, reason: Rejection, error: string) => {
      request.rejection = reason;
      request.log.debug({ reason, error }, 'beacon refused');
      return reply.code(status).send({ error });
    };

    /** The site a body names, when its write key is the site's and the page's origin one the site allows; else why not. */
    const guard = (request: FastifyRequest, name: string, key: string | undefined): { site: Site } | { refusal: [number, Rejection, string] } => {
      const site = sites.get(name);
      if (!site) return { refusal: [403, 'unknown_site', `/site '${name}' is not a site of this collector`] };
      if (key !== site.writeKey)
        return { refusal: [403, 'write_key', key === undefined ? '/key is missing' : `/key is not the write key of site '${site.id}'`] };
      const origin = request.headers.origin;
      // Non-browser clients send no Origin; browsers always send it on a POST (fetch and sendBeacon).
      if (origin !== undefined && !isOriginAllowed(site, origin, selfOrigin(request))) {
        logRefusedOrigin(request.log, site.id, origin);
        return { refusal: [403, 'origin', `origin ${origin} may not post for site '${site.id}'`] };
      }
      return { site };
    };

    // Answers a page view about the batches an earlier one left at exit (KnownBatchesQuery): the ids its site has stored.
    scope.post('/v1/beacon/known', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return refuse(request, reply, 400, 'json', 'empty body');
      // A query is two levels deep: anything nested deeper is refused before `JSON.parse`, as a beacon is.
      if (exceedsJsonDepth(request.body, 2)) return refuse(request, reply, 400, 'nesting', 'body nests deeper than a known-batches query');
      let query: unknown;
      try {
        query = JSON.parse(request.body.toString('utf8'));
      } catch {
        return refuse(request, reply, 400, 'json', 'body is not JSON');
      }
      if (!knownQuery.Check(query)) {
        const first = knownQuery.Errors(query).First();
        return refuse(request, reply, 400, 'schema', `not a known-batches query: ${first?.path || '(body)'} ${first?.message ?? 'is invalid'}`);
      }
      const guarded = guard(request, query.site, query.key);
      if ('refusal' in guarded) return refuse(request, reply, ...guarded.refusal);
      try {
        return reply.code(200).send({ known: await knownBatches(guarded.site.id, query.ids) });
      } catch (error) {
        request.log.error({ err: error }, 'reading batch ids failed');
        reply.header('retry-after', '5');
        return refuse(request, reply, 503, 'storage', 'storage unavailable, retry later');
      }
    });

    scope.post('/v1/beacon', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return refuse(request, reply, 400, 'json', 'empty body');
      const decoded = decodeBody(request.body, request.headers['content-encoding']);
      if (!decoded.ok) return refuse(request, reply, decoded.status, decoded.status === 413 ? 'too_large' : 'encoding', decoded.reason);
      if (exceedsJsonDepth(decoded.bytes, MAX_JSON_DEPTH)) {
        return refuse(request, reply, 400, 'nesting', `body nests deeper than the ${MAX_JSON_DEPTH} levels a beacon has`);
      }
      const validation = validateBeacon(decoded.bytes.toString('utf8'));
      if (!validation.ok) return refuse(request, reply, 400, validation.json ? 'schema' : 'json', validation.reason);
      const consistency = checkBeaconConsistency(validation.beacon);
      if (!consistency.ok) return refuse(request, reply, consistency.status, consistency.status === 413 ? 'costly' : 'inconsistent', consistency.reason);
      const now = Date.now();
      const { beacon, clockCorrection } = correctClock(validation.beacon, now);
      const late = checkBeaconTime(beacon, now, config.retentionDays * DAY);
      if (late) return refuse(request, reply, 400, 'timestamp', late);

      const guarded = guard(request, beacon.site, beacon.key);
      if ('refusal' in guarded) return refuse(request, reply, ...guarded.refusal);
      const { site } = guarded;
      if (config.ratePerSite > 0) {
        request.beaconSite = site.id;
        const limit = await checkSiteRate(request);
        if (!limit.isAllowed && limit.isExceeded) {
          reply.header('retry-after', String(limit.ttlInSeconds));
          return refuse(request, reply, 429, 'rate_site', `rate limit exceeded (this site), retry in ${limit.ttlInSeconds} s`);
        }
      }
      const wait = rowBudget?.take(site.id, consistency.rows) ?? 0;
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        return refuse(request, reply, 429, 'rows_site', `this site stored its ${shareOf(config.rowsPerSite)} rows of the minute here, retry in ${wait} s`);
      }
      if (commits.depth() >= config.maxQueue) {
        reply.header('retry-after', '1');
        return refuse(request, reply, 503, 'overloaded', 'collector is overloaded, retry later');
      }

      try {
        const stored = { ...beacon, view: { ...beacon.view, url: groupPage.get(site.id)!(beacon.view.url) } };
        const { duplicate, droppedProfiles } = await commits.write({ beacon: stored, receivedAt: now, clockCorrection });
        (duplicate ? metrics.duplicates : metrics.accepted).inc({ site: site.id });
        if (!duplicate) onStored?.(stored);
        if (droppedProfiles > 0) metrics.droppedProfiles.inc({ site: site.id }, droppedProfiles);
        return reply.code(200).send({ ok: true, duplicate });
      } catch (error) {
        request.log.error({ err: error }, 'storing beacons failed');
        reply.header('retry-after', '5');
        return refuse(request, reply, 503, 'storage', 'storage unavailable, retry later');
      }
    });
  });
}
