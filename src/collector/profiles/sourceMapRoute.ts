import { TraceMap } from '@jridgewell/trace-mapping';
import type { FastifyInstance } from 'fastify';
import { bearerToken } from '../config/readTokenCheck.js';
import type { Symbolicator } from './createSymbolicator.js';
import type { ProfileStorage } from './ProfileStorage.js';

/** Source maps of big bundles run to megabytes. */
const MAX_SOURCE_MAP_BYTES = 32 * 1024 * 1024;

interface Upload {
  Querystring: { site: string; release: string; file: string };
  Body: unknown;
}

/**
 * `POST /v1/sourcemaps?site=…&release=…&file=…` with the site's read token (its secret) as
 * `Authorization: Bearer …` and the map as the JSON body. Not the write key: that one is public,
 * in every page's script tag, and a map decides which function the dashboard blames. `file` is the minified script's path
 * as served (`assets/app.min.js`), matched against the end of profiled frames' script URLs.
 * A body that is not a source map v3 gets a 400 with the parser's reason.
 */
export function sourceMapRoute(
  app: FastifyInstance,
  storage: ProfileStorage,
  symbolicator: Symbolicator,
  isReadToken: (site: string, token: string) => boolean,
): void {
  app.post<Upload>(
    '/v1/sourcemaps',
    {
      bodyLimit: MAX_SOURCE_MAP_BYTES,
      schema: {
        querystring: {
          type: 'object',
          properties: {
            site: { type: 'string', pattern: '^[a-z0-9][a-z0-9_-]{0,63}$' },
            release: { type: 'string', minLength: 1, maxLength: 128 },
            file: { type: 'string', minLength: 1, maxLength: 512, pattern: '^[^?#]*$' },
          },
          required: ['site', 'release', 'file'],
        },
      },
    },
    async (request, reply) => {
      const { site, release } = request.query;
      const token = bearerToken(request.headers.authorization);
      if (!token) return reply.code(401).send({ error: "the site's read token is required: Authorization: Bearer <read token>" });
      if (!isReadToken(site, token)) return reply.code(403).send({ error: 'this token is not the read token of this site' });
      const map = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
      try {
        const parsed = new TraceMap(map);
        if (parsed.sources.length === 0) throw new Error('it has no sources');
      } catch (error) {
        return reply.code(400).send({ error: `body is not a source map: ${(error as Error).message}` });
      }
      const file = request.query.file.replace(/^\/+/, '');
      storage.putSourceMap(site, release, file, map, Date.now());
      symbolicator.forget(site, release);
      return reply.code(201).send({ ok: true, site, release, file });
    },
  );
}
