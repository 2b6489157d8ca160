#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { demoSite } from '../config/demoSite.js';
import { registerDemoSourceMaps } from '../config/registerDemoSourceMaps.js';
import { parseConfig } from '../config/parseConfig.js';
import { createCollector } from '../createCollector.js';
import { startMetricsServer } from '../metrics/startMetricsServer.js';
import { sourcemapsCommand } from './sourcemapsCommand.js';
import { openSqliteStorage } from '../storage/sqlite/openSqliteStorage.js';

const usage = `usage: pageprof serve [--port 8080] [--host 127.0.0.1] [--db pageprof.db] [--config sites.json]
                     [--read-token TOKEN] [--upload-token TOKEN] [--retention-days 30] [--rate-ip 600]
                     [--rate-site 60000] [--rows-site 1000000] [--flush-ms 0] [--trust-proxy HOPS|ADDRESSES]
                     [--metrics-port PORT] [--metrics-token TOKEN] [--durable] [--inline-writes]
                     [--reader-threads N] [--log-level info] [--demo] [--demo-sourcemaps]
Without --config it serves the demo site 'demo' (write key demo-public-key) and the demo app, and
prints the site's read and upload tokens; --demo serves the demo app with a config too.
--demo-sourcemaps registers the demo's and pageprof's own source maps for the demo's release.
--trust-proxy: the number of proxies in front of the collector (1 for one nginx), or their
addresses (10.0.0.1,10.0.0.2 or a CIDR); per-IP limits then key on the client they saw.
/metrics needs --metrics-token (Authorization: Bearer), or is served on --metrics-port on 127.0.0.1.`;

/** Flags that override the config file's settings, by config field. */
const numericFlags = {
  'retention-days': 'retentionDays',
  'rate-ip': 'ratePerIp',
  'rate-site': 'ratePerSite',
  'rows-site': 'rowsPerSite',
  'flush-ms': 'flushMs',
} as const;

/** `--trust-proxy 1` (hops) or `--trust-proxy 10.0.0.1,10.0.0.0/8` (proxy addresses). */
const trustProxyOf = (value: string) => (/^\d+$/.test(value) ? Number(value) : value.split(',').map((address) => address.trim()));

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      db: { type: 'string', default: process.env.PAGEPROF_DB ?? 'pageprof.db' },
      config: { type: 'string', default: process.env.PAGEPROF_CONFIG },
      'read-token': { type: 'string', default: process.env.PAGEPROF_READ_TOKEN },
      'upload-token': { type: 'string', default: process.env.PAGEPROF_UPLOAD_TOKEN },
      'rows-site': { type: 'string' },
      'metrics-port': { type: 'string' },
      'metrics-token': { type: 'string', default: process.env.PAGEPROF_METRICS_TOKEN },
      demo: { type: 'boolean', default: false },
      'retention-days': { type: 'string' },
      'rate-ip': { type: 'string' },
      'rate-site': { type: 'string' },
      'flush-ms': { type: 'string' },
      'trust-proxy': { type: 'string' },
      durable: { type: 'boolean', default: false },
      'inline-writes': { type: 'boolean', default: availableParallelism() < 2 },
      'reader-threads': { type: 'string', default: String(availableParallelism() < 2 ? 0 : Math.min(availableParallelism(), 4)) },
      'demo-sourcemaps': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: process.env.PAGEPROF_LOG_LEVEL ?? 'info' },
    },
  });
  const file = values.config ? (JSON.parse(readFileSync(values.config, 'utf8')) as Record<string, unknown>) : undefined;
  const overrides: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(numericFlags)) {
    const value = values[flag as keyof typeof numericFlags];
    if (value !== undefined) overrides[field] = Number(value);
  }
  if (values['trust-proxy'] !== undefined) overrides.trustProxy = trustProxyOf(values['trust-proxy']);
  if (values['metrics-token'] !== undefined) overrides.metricsToken = values['metrics-token'];
  const config = parseConfig({ sites: [demoSite(values['read-token'], values['upload-token'])], ...file, ...overrides });
  const serveDemo = !file || values.demo;

  const readerThreads = Number(values['reader-threads']);
  if (!Number.isInteger(readerThreads) || readerThreads < 0) throw new Error(`--reader-threads must be a whole number, not '${values['reader-threads']}'`);

  const root = fileURLToPath(new URL('..', import.meta.url));
  const storage = openSqliteStorage(values.db, {
    durable: values.durable,
    // SQLite writes run on a thread of their own where there is a second core (bench:ingest, this
    // 2-core machine: +20% beacons/s and a lower p99 than on the request thread, for more CPU in all).
    ...(values['inline-writes'] ? {} : { writerThread: new URL('./sqliteWriter.mjs', import.meta.url) }),
    // The query API's queries on threads of their own: a dashboard's panels run side by side
    // (bench:queries at 1M events: the overview in ~0.3 s instead of ~0.5 s one after another),
    // and none of them holds up ingest. 0 runs them on the request thread.
    readerThreads: { script: new URL('./sqliteReader.mjs', import.meta.url), count: readerThreads },
  });
  const demoMaps = !file && values['demo-sourcemaps'] ? await registerDemoSourceMaps(storage.profiles, root, config.sites[0]?.id ?? 'demo') : undefined;
  const app = createCollector({
    storage,
    config,
    root,
    logLevel: values['log-level'],
    demo: serveDemo,
    symbolicatorThread: new URL('./symbolicator.mjs', import.meta.url),
  });
  await app.listen({ port: Number(values.port), host: values.host });
  const metricsServer = values['metrics-port'] === undefined ? undefined : await startMetricsServer(app.pageprofMetrics, Number(values['metrics-port']));
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  const origin = `http://${values.host}:${port}`;
  console.log(`pageprof collector listening on ${origin}`);
  console.log(`  beacons:    ${origin}/v1/beacon  (SQLite: ${values.db})`);
  if (metricsServer) console.log(`  metrics:    ${metricsServer}/metrics`);
  if (serveDemo) console.log(`  demo app:   ${origin}/demo/`);
  if (!file) {
    const [demo] = config.sites;
    console.log(`  site demo:  write key ${demo?.writeKey}`);
    console.log(`  dashboard:  ${origin}/dashboard/#token=${demo?.readTokens[0]}`);
    if (demoMaps) console.log(`  source maps: ${demoMaps.join(', ') || 'none built'} (the demo's releases, registered at start)`);
    console.log(`  upload token: ${demo?.uploadToken}  (pageprof sourcemaps upload --token …)`);
    // Last: test/support/collectorProcess.ts takes this line as the banner's end.
    console.log(`  read token: ${demo?.readTokens[0]}`);
  } else {
    console.log(`  dashboard:  ${origin}/dashboard/?site=SITE#token=READ_TOKEN  (sites: ${config.sites.map((site) => site.id).join(', ')})`);
  }

  // Stop taking requests, commit every accepted beacon, close the database; give up after 10 s.
  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down: committing every accepted beacon');
    setTimeout(() => process.exit(1), 10_000).unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'serve') {
  serve(rest).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else if (command === 'sourcemaps') {
  sourcemapsCommand(rest).then((code) => process.exit(code), (error: unknown) => (console.error(error), process.exit(1)));
} else {
  console.error(usage);
  process.exit(command === undefined || command === '--help' ? 0 : 2);
}
