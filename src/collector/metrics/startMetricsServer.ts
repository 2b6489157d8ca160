import { createServer } from 'node:http';
import type { Metrics } from './createMetrics.js';

/**
 * `/metrics` on a port of its own, on loopback only: a Prometheus on the same host (or a sidecar)
 * scrapes it without a token, and nothing outside the host reaches it. Resolves with its origin.
 */
export function startMetricsServer(metrics: Metrics, port: number): Promise<string> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/metrics') {
      response.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      () => response.writeHead(500).end(),
    );
  });
  // Never keeps the collector alive on its own: it closes with the process.
  server.unref();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`);
    });
  });
}
