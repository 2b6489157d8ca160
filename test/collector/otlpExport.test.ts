import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Beacon, PerfEvent } from '../../src/protocol/beacon.js';
import { DEMO_KEY, makeBeacon, makeView } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';

/** OTLP/JSON as the exporters send it (opentelemetry-proto's JSON mapping), the parts read here. */
interface KeyValue {
  key: string;
  value: { stringValue?: string; intValue?: number | string; doubleValue?: number };
}
interface HistogramPoint {
  attributes: KeyValue[];
  count: number | string;
  sum: number;
}
interface MetricsRequest {
  resourceMetrics: { scopeMetrics: { metrics: { name: string; histogram?: { dataPoints: HistogramPoint[] } }[] }[] }[];
}
interface LogRecord {
  eventName?: string;
  body: { stringValue: string };
  attributes: KeyValue[];
}
interface LogsRequest {
  resourceLogs: { scopeLogs: { logRecords: LogRecord[] }[] }[];
}
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const attributeValue = ({ value }: KeyValue) => value.stringValue ?? Number(value.intValue ?? value.doubleValue);
const attributesOf = (list: KeyValue[]) => Object.fromEntries(list.map((entry) => [entry.key, attributeValue(entry)]));
const keyOf = (name: string, attributes: Record<string, unknown>) =>
  `${name} ${JSON.stringify(Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b)))}`;

/** A local OTLP/HTTP receiver: keeps every request to /v1/metrics and /v1/logs. */
async function startReceiver(): Promise<{ server: Server; endpoint: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

/** A config with the demo site (its write key) and the given `otlp` settings. */
function configFile(otlp: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-otlp-')), 'config.json');
  const site = { id: 'demo', writeKey: DEMO_KEY, readToken: 'otlp-test-read-token-of-32-characters-at-least', origins: ['*'] };
  writeFileSync(file, JSON.stringify({ sites: [site], otlp }));
  return file;
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const withRoute = (events: PerfEvent[], route: string) => events.map((event) => ({ ...event, route }));

describe('OpenTelemetry export', () => {
  let collector: CollectorProcess | undefined;
  let receiver: Server | undefined;
  afterEach(async () => {
    await collector?.stop();
    receiver?.close();
    collector = undefined;
    receiver = undefined;
  });

  it('forwards exactly what was stored: vitals and measures as histograms by route, release, device and browser; interactions and long tasks as logs', async () => {
    const otlp = await startReceiver();
    receiver = otlp.server;
    const config = configFile({ endpoint: otlp.endpoint, intervalMs: 200, headers: { 'x-from-file': 'file' } });
    collector = await startCollector({ args: ['--config', config, '--otlp-header', 'x-api-key=k=1'] });

    const shop = makeView({ url: 'https://shop.example/products/123?session=secret-query' });
    const beacons: Beacon[] = [
      makeBeacon({ view: shop }, 1),
      makeBeacon({ view: shop }, 1.5),
      (() => {
        const beacon = makeBeacon({ view: makeView({ browser: 'Firefox', deviceClass: 'mobile', release: 'web-2.4.0' }) }, 3);
        return { ...beacon, events: withRoute(beacon.events, '/cart/42') };
      })(),
    ];
    for (const beacon of beacons) expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
    // A retried beacon is acknowledged, not stored again: nor is it forwarded again.
    expect(JSON.parse((await postBeacon(collector.origin, beacons[0])).body)).toMatchObject({ duplicate: true });

    // Expected, from the beacons sent: per metric and attribute set, a count and a sum.
    const expected = new Map<string, { count: number; sum: number }>();
    const add = (name: string, attributes: Record<string, string>, value: number) => {
      const key = keyOf(name, attributes);
      const entry = expected.get(key) ?? { count: 0, sum: 0 };
      expected.set(key, { count: entry.count + 1, sum: entry.sum + value });
    };
    const expectedLogs: string[] = [];
    for (const beacon of beacons) {
      for (const event of beacon.events) {
        const route = event.route === undefined ? '/products/:id' : '/cart/:id';
        const attributes = {
          site: 'demo',
          route,
          release: beacon.view.release ?? '',
          device: beacon.view.deviceClass ?? '',
          browser: beacon.view.browser ?? '',
        };
        if (event.type === 'vital') add(`pageprof.vital.${event.name}`, attributes, event.value);
        if (event.type === 'measure') add('pageprof.measure', { ...attributes, measure: event.name }, event.duration);
        if (event.type === 'interaction' || event.type === 'longtask') expectedLogs.push(`${beacon.view.id} ${event.type} ${event.duration} ${route}`);
      }
    }
    const wanted = [...expected.values()].reduce((sum, { count }) => sum + count, 0);

    // Cumulative histograms: the newest export holds every value recorded so far.
    const latest = await until(() => {
      const metrics = otlp.received.filter((request) => request.path === '/v1/metrics').map((request) => JSON.parse(request.body) as MetricsRequest);
      const last = metrics.at(-1);
      const points = last?.resourceMetrics.flatMap((resource) =>
        resource.scopeMetrics.flatMap((scope) =>
          scope.metrics.flatMap((metric) => (metric.histogram?.dataPoints ?? []).map((point) => ({ name: metric.name, point }))),
        ),
      );
      return points && points.reduce((sum, { point }) => sum + Number(point.count), 0) === wanted ? points : undefined;
    }, 'the histograms of every stored value');
    const got = new Map(latest.map(({ name, point }) => [keyOf(name, attributesOf(point.attributes)), { count: Number(point.count), sum: point.sum }]));
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, { count, sum }] of expected) {
      expect(got.get(key)?.count, key).toBe(count);
      expect(got.get(key)?.sum, key).toBeCloseTo(sum, 6);
    }

    const records = await until(() => {
      const all = otlp.received
        .filter((request) => request.path === '/v1/logs')
        .flatMap((request) =>
          (JSON.parse(request.body) as LogsRequest).resourceLogs.flatMap((resource) => resource.scopeLogs.flatMap((scope) => scope.logRecords)),
        );
      return all.length >= expectedLogs.length ? all : undefined;
    }, 'a log record per interaction and long task');
    const gotLogs = records.map((record) => {
      const attributes = attributesOf(record.attributes);
      const type = record.eventName === 'pageprof.interaction' ? 'interaction' : 'longtask';
      return `${attributes['pageprof.view.id']} ${type} ${attributes[`${type}.duration`]} ${attributes.route}`;
    });
    expect(gotLogs.sort()).toEqual(expectedLogs.sort());

    const everything = otlp.received.map((request) => request.body).join('\n');
    expect(everything).not.toContain('secret-query');
    expect(everything).not.toContain('shop.example/products');
    expect(everything).not.toMatch(/\/(123|42)\b/);
    for (const request of otlp.received) expect(request.headers).toMatchObject({ 'x-api-key': 'k=1', 'x-from-file': 'file' });
  });

  it('never slows ingest: with the endpoint down, beacons are still stored and answered, and the full queue drops and counts', async () => {
    // A port nothing listens on: the exporters' connections are refused (and retried with backoff).
    const closed = await startReceiver();
    const endpoint = closed.endpoint;
    await new Promise((resolve) => closed.server.close(resolve));
    collector = await startCollector({ args: ['--config', configFile({ intervalMs: 50, maxQueue: 10 }), '--otlp-endpoint', endpoint] });

    // Each beacon is 8 signals (5 vitals, a measure, an interaction, a long task): the first pump
    // takes what is queued and then waits on the exporters' retries while the rest fills the queue.
    for (let index = 0; index < 8; index += 1) expect((await postBeacon(collector.origin, makeBeacon({}, 1 + index / 10))).status).toBe(200);
    const metrics = await collector.metrics();
    expect(Number(/pageprof_otlp_dropped_total\{reason="queue_full"\} (\d+)/.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
    // Answered while the first export was still being retried (its attempts take several seconds).
    expect(metrics).not.toMatch(/pageprof_otlp_dropped_total\{reason="export_failed"\} [1-9]/);
    expect(metrics).toMatch(/pageprof_beacons_accepted_total\{site="demo"\} 8/);
  });
});
