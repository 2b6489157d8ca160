import type { FastifyInstance } from 'fastify';
import { MAX_BEACON_BYTES } from '../protocol/limits.js';
import type { Storage } from './storage/Storage.js';
import { decodeBody } from './decodeBody.js';
import { validateBeacon } from './validateBeacon.js';

/** Content types a beacon may arrive as: `sendBeacon` with a string sends `text/plain`. */
const BEACON_TYPES = ['application/json', 'text/plain', 'application/octet-stream'];

/**
 * `POST /v1/beacon`: size cap, parse, schema check, store. Answers 200 once the beacon is
 * committed (or was already stored: a retried batch is acknowledged and not counted twice),
 * 4xx with a reason otherwise. Browsers post cross-origin, so the answer carries CORS headers.
 */
export function ingestRoute(app: FastifyInstance, storage: Storage): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(BEACON_TYPES, { parseAs: 'buffer', bodyLimit: MAX_BEACON_BYTES }, (_request, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser('*', (request, _payload, done) => {
      const error = Object.assign(new Error(`unsupported content type: ${request.headers['content-type'] ?? 'none'}`), {
        statusCode: 415,
      });
      done(error, undefined);
    });

    scope.addHook('onRequest', async (request, reply) => {
      reply.header('access-control-allow-origin', request.headers.origin ?? '*');
      reply.header('vary', 'origin');
      // Cross-origin, the SDK's worker can read `Retry-After` on a 429/503 only if it is exposed.
      reply.header('access-control-expose-headers', 'retry-after');
    });

    scope.options('/v1/beacon', async (_request, reply) => {
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'content-type, content-encoding');
      reply.header('access-control-max-age', '86400');
      return reply.code(204).send();
    });

    scope.post('/v1/beacon', async (request, reply) => {
      if (!Buffer.isBuffer(request.body)) return reply.code(400).send({ error: 'empty body' });
      const decoded = decodeBody(request.body, request.headers['content-encoding']);
      if (!decoded.ok) return reply.code(decoded.status).send({ error: decoded.reason });
      const validation = validateBeacon(decoded.text);
      if (!validation.ok) {
        request.log.info({ reason: validation.reason }, 'beacon rejected');
        return reply.code(400).send({ error: validation.reason });
      }
      const { duplicate } = storage.insertBeacon(validation.beacon, Date.now());
      return reply.code(200).send({ ok: true, duplicate });
    });
  });
}
