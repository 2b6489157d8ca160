import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * CORS for the beacon endpoint: the page's origin is echoed when some site allows it. Preflights
 * carry no body, so they are answered for the origins of any site; the POST itself is then held
 * to its own site's origins (ingestRoute). Two headers per request: @fastify/cors, which needs
 * per-request options here (`self` depends on the Host), took 3–5% of the request thread in the
 * ingest profile.
 */
export function beaconCors(scope: FastifyInstance, path: string, allows: (origin: string, request: FastifyRequest) => boolean): void {
  scope.addHook('onRequest', (request, reply, done) => {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (origin !== undefined && allows(origin, request)) {
      reply.header('access-control-allow-origin', origin);
      // Cross-origin, the SDK's worker can read `Retry-After` on a 429/503 only if it is exposed.
      reply.header('access-control-expose-headers', 'retry-after');
    }
    done();
  });

  scope.options(path, (_request, reply) => {
    if (reply.hasHeader('access-control-allow-origin')) {
      reply.header('access-control-allow-methods', 'POST');
      reply.header('access-control-allow-headers', 'content-type, content-encoding');
      reply.header('access-control-max-age', '86400');
    }
    return reply.code(204).send();
  });
}
