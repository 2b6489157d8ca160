import type { FastifyInstance } from 'fastify';
import { bearerToken, secretCheck } from '../auth/tokenCheck.js';
import type { Metrics } from './createMetrics.js';

/**
 * `GET /metrics` on the collector's port, only with the config's `metricsToken` as a bearer token:
 * the counters tell an outsider which sites exist and how busy they are. Without a token
 * configured, metrics are served only on `--metrics-port` (bound to loopback, metricsServer.ts).
 */
export function metricsRoute(app: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  const isMetricsToken = token === undefined ? undefined : secretCheck([token]);
  app.get('/metrics', async (request, reply) => {
    if (!isMetricsToken) return reply.code(404).send({ error: 'metrics are served on --metrics-port, or here with a metricsToken in the config' });
    const given = bearerToken(request.headers.authorization);
    if (!given) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'the metrics token is required: Authorization: Bearer <token>' });
    if (!isMetricsToken(given)) return reply.code(403).send({ error: 'this is not the metrics token' });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
