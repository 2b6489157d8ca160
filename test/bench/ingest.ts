/**
 * `npm run bench:ingest`: beacons/s and latency of the collector's `POST /v1/beacon` (full
 * validation, durable SQLite group commits) next to a bare node:http server answering 204, both
 * measured in this run with the same client, body and connections, on loopback only and bounded
 * in time. Then the database size per million events. `-- --storage clickhouse` also measures, in
 * the same turns, a collector on a ClickHouse server the benchmark starts (as the tests do): its
 * CPU is the collector's alone, not the server's. Not a test: it prints figures and ratios.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { randomId } from '../../src/sdk/randomId.js';
import { DEMO_KEY, makeBeacon } from '../support/beacons.js';
import { startClickHouse } from '../support/clickhouse/startClickHouse.js';
import { projectRoot } from '../support/collectorProcess.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
/** More `pageprof serve` flags to compare settings, e.g. BENCH_SERVE_ARGS='--inline-writes'. */
const serveArgs = (process.env.BENCH_SERVE_ARGS ?? '').split(' ').filter(Boolean);

/**
 * A realistic 13-event beacon; each request gets a fresh batch id (made as the SDK makes them), so
 * none is a duplicate, and every three beacons a new page view.
 */
const template = makeBeacon({ id: 'BATCH_ID' });
template.view.id = 'VIEW_ID';
const body = JSON.stringify(template);
let sent = 0;
let viewId = randomId();
const nextBody = () => {
  if (sent++ % 3 === 0) viewId = randomId();
  return body.replace('BATCH_ID', randomId()).replace('VIEW_ID', viewId);
};

/** CPU seconds a process used so far, all its threads (Linux /proc; clock ticks of 10 ms). */
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

function start(args: string[]): Promise<{ origin: string; cpu(): number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const origin = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (origin && /\n/.test(output.slice(output.indexOf(origin))))
        resolve({
          origin,
          cpu: () => cpuSeconds(child.pid ?? 0),
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

async function load({ origin, cpu }: { origin: string; cpu(): number }, duration: number) {
  const cpuBefore = cpu();
  const result = await autocannon({
    url: `${origin}/v1/beacon`,
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
    connections,
    duration,
  });
  return {
    /** Server CPU per answered request, µs: steadier than req/s on a shared machine. */
    cpuPerRequest: ((cpu() - cpuBefore) / Math.max(1, result['2xx'])) * 1e6,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
  `${name.padEnd(26)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(4)} ms   server CPU ${r.cpuPerRequest.toFixed(0).padStart(4)} µs/req   2xx ${r.ok}   other ${r.other}`;

const dir = mkdtempSync(join(tmpdir(), 'pageprof-bench-'));
const dbFile = join(dir, 'bench.db');
const config = join(dir, 'bench.json');
writeFileSync(
  config,
  JSON.stringify({
    sites: [{ id: 'demo', writeKey: DEMO_KEY, readToken: 'bench-read-token-of-at-least-32-characters', origins: ['*'] }],
    ratePerIp: 0,
    ratePerSite: 0,
    rowsPerSite: 0,
  }),
);

console.log(
  `ingest benchmark: ${rounds} rounds of ${seconds} s per server, ${connections} connections, ${body.length} B beacons of ${template.events.length} events, loopback ${serveArgs.join(' ')}`,
);
// Both servers run side by side and are measured in turns, so that a change in the machine's
// load (it is shared) weighs on both alike; the ratio is taken per round.
const bare = await start([join(projectRoot, 'dist/bench/bareServer.mjs')]);
const collector = await start([
  join(projectRoot, 'dist/cli.mjs'),
  'serve',
  '--port',
  '0',
  '--db',
  dbFile,
  '--config',
  config,
  '--log-level',
  'warn',
  ...serveArgs,
]);
const clickhouseServers = process.argv.includes('clickhouse') ? await startClickHouse({ shards: 1, replicas: 1, zookeeper: false }) : undefined;
const onClickHouse = clickhouseServers
  ? await start([
      join(projectRoot, 'dist/cli.mjs'),
      'serve',
      '--port',
      '0',
      '--storage',
      `clickhouse:${clickhouseServers.nodes[0]?.url}/bench`,
      '--config',
      config,
      '--log-level',
      'warn',
    ])
  : undefined;
let acknowledged = 0;
await load(bare, 1);
acknowledged += (await load(collector, 2)).ok;
if (onClickHouse) await load(onClickHouse, 2);
const ratios: number[] = [];
const cpuRatios: number[] = [];
for (let round = 1; round <= rounds; round++) {
  const baseline = await load(bare, seconds);
  const ingest = await load(collector, seconds);
  acknowledged += ingest.ok;
  ratios.push(ingest.rps / baseline.rps);
  cpuRatios.push(ingest.cpuPerRequest / baseline.cpuPerRequest);
  console.log(`round ${round}`);
  console.log(row('  bare node:http (204)', baseline));
  console.log(row('  collector /v1/beacon', ingest));
  console.log(
    `  ratio ${(ratios.at(-1)! * 100).toFixed(1)}%   CPU per request ×${cpuRatios.at(-1)!.toFixed(1)}   events/s written ${Math.round(ingest.rps * template.events.length).toLocaleString('en')}`,
  );
  if (onClickHouse) {
    const clickhouse = await load(onClickHouse, seconds);
    console.log(row('  collector on ClickHouse', clickhouse));
    console.log(
      `  ClickHouse against SQLite: ×${(clickhouse.rps / ingest.rps).toFixed(2)} the beacons/s, ×${(clickhouse.cpuPerRequest / ingest.cpuPerRequest).toFixed(2)} the collector CPU per beacon`,
    );
  }
}
await bare.stop();
await collector.stop();
await onClickHouse?.stop();
await clickhouseServers?.stop();

const db = new Database(dbFile);
db.pragma('wal_checkpoint(TRUNCATE)');
const { events } = db.prepare('SELECT count(*) AS events FROM events').get() as { events: number };
const { batches } = db.prepare('SELECT count(*) AS batches FROM batches').get() as { batches: number };
db.close();
const bytes = statSync(dbFile).size;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
console.log(
  `median ratio to bare node:http: ${(median(ratios) * 100).toFixed(1)}% of its req/s (goal ≥ 40%), ×${median(cpuRatios).toFixed(1)} its CPU per request`,
);
console.log(`stored: ${batches} beacons (${acknowledged} acknowledged), ${events} events`);
console.log(
  `database: ${(bytes / 1e6).toFixed(1)} MB for ${events} events = ${(bytes / events).toFixed(0)} B per event → ${(bytes / events).toFixed(0)} MB per million events`,
);
rmSync(dir, { recursive: true, force: true });
