import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Symbolicator } from './createSymbolicator.js';
import type { ProfileStorage } from '../storage/ProfileStorage.js';

/** Source maps of big bundles run to megabytes. */
const MAX_SOURCE_MAP_BYTES = 32 * 1024 * 1024;
/** Uploads per address and minute: a release uploads tens of maps, a flood would keep the parser busy. */
const UPLOADS_PER_MINUTE = 120;

export interface SourceMapQuota {
  /** Maps a site may keep, and their total bytes. */
  maps: number;
  bytes: number;
}

interface Upload {
  Params: { site: string };
  Querystring: { release: string; file: string };
  Body: string;
}

/**
 * `POST /v1/sites/:site/sourcemaps?release=…&file=…` with the site's upload token as
 * `Authorization: Bearer …` (checked by the site guard before a byte of the body is read) and the
 * map as the body. Not a read token, nor the public write key: a map decides which function the
 * dashboard blames. `file` is the minified script's path as served (`assets/app.min.js`), matched
 * against the end of profiled frames' script URLs. The body is kept as text and checked on the
 * symbolicator's thread; one that is not a source map v3 gets a 400 with the parser's reason, one
 * beyond the site's quota a 413.
 */
export function sourceMapRoute(app: FastifyInstance, storage: ProfileStorage, symbolicator: Symbolicator, quota: SourceMapQuota): void {
  app.register(async (scope) => {
    await scope.register(fastifyRateLimit, { hook: 'onRequest', max: UPLOADS_PER_MINUTE, timeWindow: 60_000 });
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_SOURCE_MAP_BYTES }, (_request, body, done) => done(null, body));

    scope.post<Upload>(
      '/v1/sites/:site/sourcemaps',
      {
        config: { access: 'upload' },
        schema: {
          querystring: {
            type: 'object',
            properties: {
              release: { type: 'string', minLength: 1, maxLength: 128 },
              file: { type: 'string', minLength: 1, maxLength: 512, pattern: '^[^?#]*$' },
            },
            required: ['release', 'file'],
            additionalProperties: false,
          },
        },
      },
      async (request, reply) => {
        const { site } = request.params;
        const { release } = request.query;
        const file = request.query.file.replace(/^\/+/, '');
        const map = typeof request.body === 'string' ? request.body : '';
        const usage = await storage.sourceMapUsage(site, { release, file });
        if (usage.count + 1 > quota.maps || usage.bytes + Buffer.byteLength(map) > quota.bytes) {
          return reply.code(413).send({
            error: `site '${site}' keeps at most ${quota.maps} source maps of ${quota.bytes} bytes in all (it has ${usage.count} of ${usage.bytes} bytes besides this one); old releases' maps go with retention`,
          });
        }
        const problem = await symbolicator.problem(map);
        if (problem !== undefined) return reply.code(400).send({ error: `body is not a source map: ${problem}` });
        await storage.putSourceMap(site, release, file, map, Date.now());
        await symbolicator.forget(site, release);
        return reply.code(201).send({ ok: true, site, release, file });
      },
    );
  });
}
