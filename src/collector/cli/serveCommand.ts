import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { demoSite } from '../config/demoSite.js';
import { parseConfig } from '../config/parseConfig.js';
import { readConfigFile } from '../config/readConfigFile.js';
import { createCollector } from '../createCollector.js';
import { startMetricsServer } from '../metrics/startMetricsServer.js';
import { openClickHouseStorage } from '../storage/clickhouse/openClickHouseStorage.js';
import { openSqliteStorage } from '../storage/sqlite/openSqliteStorage.js';
import { storageSpec } from '../storage/storageSpec.js';
import { otlpOverride } from './otlpOverride.js';
import { parseFlags, UsageError, usersMistake, wholeNumber } from './parseFlags.js';
import { registerDemoSourceMaps } from './registerDemoSourceMaps.js';

export const serveUsage = `usage: pageprof serve [options]
  --port 8080                   the port (0: any free one)
  --host 127.0.0.1              the address to listen on
  --storage sqlite:pageprof.db  where beacons are stored (PAGEPROF_STORAGE; --db PATH is sqlite:PATH),
                                or clickhouse:http://USER:PASSWORD@HOST:8123/DATABASE; on a cluster, where
                                several collectors share it, add ?cluster=NAME&zookeeper=HOST:2181
  --config sites.json           sites, tokens and limits (PAGEPROF_CONFIG); without it, the demo site
  --demo                        serve the demo app with a config too
  --demo-sourcemaps             register the demo's and pageprof's source maps for the demo's releases
  --read-token, --upload-token  the demo site's tokens (PAGEPROF_READ_TOKEN, PAGEPROF_UPLOAD_TOKEN)
  --origin https://app.test     an origin whose pages may post for the demo site too (repeatable)
  --retention-days 30  --rate-ip 600  --rate-site 60000  --rows-site 1000000  --flush-ms 0
                                override the config file's settings of the same name
  --trust-proxy HOPS|ADDRESSES  behind a reverse proxy: how many (1 for one nginx), or their addresses
                                (10.0.0.1,10.0.0.0/8); per-IP limits then key on the client they saw
  --metrics-token TOKEN         /metrics with this bearer token (PAGEPROF_METRICS_TOKEN)
  --metrics-port PORT           /metrics without a token on 127.0.0.1:PORT
  --otlp-endpoint URL           forward what is stored to this OTLP/HTTP endpoint (PAGEPROF_OTLP_ENDPOINT):
                                vitals and measures as histograms, slow interactions and long tasks as logs
  --otlp-header 'key=value'     a header for every export (repeatable), e.g. an API key
  --log-level info              fatal, error, warn, info, debug, trace or silent
SQLite only:
  --durable                     fsync every commit (survives a power cut, not only a crash)
  --inline-writes               write on the request thread (default where there is one core)
  --reader-threads N            query threads (default one per core, up to 4; 0: the request thread)`;

/** Flags that override the config file's settings, by config field. */
const numericFlags = {
  'retention-days': 'retentionDays',
  'rate-ip': 'ratePerIp',
  'rate-site': 'ratePerSite',
  'rows-site': 'rowsPerSite',
  'flush-ms': 'flushMs',
} as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** `--trust-proxy 1` (hops) or `--trust-proxy 10.0.0.1,10.0.0.0/8` (proxy addresses). */
const trustProxyOf = (value: string) => (/^\d+$/.test(value) ? Number(value) : value.split(',').map((address) => address.trim()));

/** `pageprof serve`: the collector, until SIGINT or SIGTERM. */
export async function serveCommand(args: string[]): Promise<number | undefined> {
  const cores = availableParallelism();
  const { values } = parseFlags('serve', args, {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
    storage: { type: 'string', default: process.env.PAGEPROF_STORAGE },
    db: { type: 'string', default: process.env.PAGEPROF_DB },
    config: { type: 'string', default: process.env.PAGEPROF_CONFIG },
    'read-token': { type: 'string', default: process.env.PAGEPROF_READ_TOKEN },
    'upload-token': { type: 'string', default: process.env.PAGEPROF_UPLOAD_TOKEN },
    origin: { type: 'string', multiple: true, default: [] },
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
    'inline-writes': { type: 'boolean', default: cores < 2 },
    'reader-threads': { type: 'string', default: String(cores < 2 ? 0 : Math.min(cores, 4)) },
    'demo-sourcemaps': { type: 'boolean', default: false },
    'otlp-endpoint': { type: 'string', default: process.env.PAGEPROF_OTLP_ENDPOINT },
    'otlp-header': { type: 'string', multiple: true, default: [] },
    'log-level': { type: 'string', default: process.env.PAGEPROF_LOG_LEVEL ?? 'info' },
  });
  if (values.help) {
    console.log(serveUsage);
    return 0;
  }
  const port = wholeNumber('port', values.port, 0, 65_535);
  const metricsPort = values['metrics-port'] === undefined ? undefined : wholeNumber('metrics-port', values['metrics-port'], 0, 65_535);
  const readerThreads = wholeNumber('reader-threads', values['reader-threads'], 0, 64);
  if (!LOG_LEVELS.includes(values['log-level'])) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not '${values['log-level']}'`);
  if (values.storage !== undefined && values.db !== undefined) throw new UsageError('give --storage or --db, not both');
  const file = values.config ? usersMistake(() => readConfigFile(values.config as string)) : undefined;
  if (file && values.origin.length > 0) throw new UsageError(`--origin is the demo site's; give a site's origins in ${values.config}`);
  const badOrigin = values.origin.find((origin) => !/^https?:\/\/[^/?#\s]+$/.test(origin));
  if (badOrigin !== undefined) throw new UsageError(`--origin must be scheme://host[:port], as a browser sends it (https://app.test), not '${badOrigin}'`);
  const overrides: Record<string, unknown> = {};
  for (const [flag, field] of Object.entries(numericFlags)) {
    const value = values[flag as keyof typeof numericFlags];
    if (value !== undefined) overrides[field] = wholeNumber(flag, value, 0, Number.MAX_SAFE_INTEGER);
  }
  if (values['trust-proxy'] !== undefined) overrides.trustProxy = trustProxyOf(values['trust-proxy']);
  const otlp = otlpOverride(file?.otlp, values['otlp-endpoint'], values['otlp-header']);
  if (otlp) overrides.otlp = otlp;
  if (values['metrics-token'] !== undefined) overrides.metricsToken = values['metrics-token'];
  const config = usersMistake(() =>
    parseConfig({ sites: [demoSite(values['read-token'], values['upload-token'], values.origin)], ...file, ...overrides }, values.config),
  );
  const serveDemo = !file || values.demo;

  const spec = usersMistake(() => storageSpec(values.storage ?? `sqlite:${values.db ?? 'pageprof.db'}`));
  const root = fileURLToPath(new URL('..', import.meta.url));
  const storage =
    spec.kind === 'clickhouse'
      ? await openClickHouseStorage(spec.url)
      : openSqliteStorage(spec.file, {
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
  await app.listen({ port, host: values.host });
  const metricsServer = metricsPort === undefined ? undefined : await startMetricsServer(app.pageprofMetrics, metricsPort);
  const address = app.server.address();
  const origin = `http://${values.host}:${typeof address === 'object' && address ? address.port : port}`;
  console.log(`pageprof collector listening on ${origin}`);
  // A ClickHouse URL's password is not printed.
  console.log(`  beacons:    ${origin}/v1/beacon  (${spec.kind === 'clickhouse' ? `ClickHouse: ${new URL(spec.target.url).host}` : `SQLite: ${spec.file}`})`);
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
  return undefined;
}
