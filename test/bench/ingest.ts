/**
 * `npm run bench:ingest`: beacons/s and latency of the collector's `POST /v1/beacon` (full
 * validation, durable SQLite group commits) next to a bare node:http server answering 204, both
 * measured in this run with the same client, body and connections, on loopback only and bounded
 * in time. Then the database size per million events. Not a test: it prints figures and ratios.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_KEY, makeBeacon } from '../support/beacons.js';
import { projectRoot } from '../support/collectorProcess.js';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);

/** A realistic 13-event beacon; each request gets fresh batch and view ids, so none is a duplicate. */
const template = makeBeacon({ id: 'BATCH_ID' });
template.view.id = 'VIEW_ID';
const body = JSON.stringify(template);
let sent = 0;
const nextBody = () => {
  const id = `b${(sent++).toString(36)}`;
  return body.replace('BATCH_ID', id).replace('VIEW_ID', id);
};

function start(args: string[]): Promise<{ origin: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const origin = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (origin && /\n/.test(output.slice(output.indexOf(origin))))
        resolve({ origin, stop: () => new Promise((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))) });
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
  });
}

async function load(origin: string, duration: number) {
  const result = await autocannon({
    url: `${origin}/v1/beacon`,
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin },
    requests: [{ setupRequest: (request) => ({ ...request, body: nextBody() }) }],
    connections,
    duration,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    other: result.non2xx + result.errors + result.timeouts,
  };
}

const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
  `${name.padEnd(26)} ${r.rps.toFixed(0).padStart(8)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms   2xx ${r.ok}   other ${r.other}`;

const dir = mkdtempSync(join(tmpdir(), 'pageprof-bench-'));
const dbFile = join(dir, 'bench.db');
const config = join(dir, 'bench.json');
writeFileSync(config, JSON.stringify({ sites: [{ id: 'demo', writeKey: DEMO_KEY, readToken: 'bench-read-token', origins: ['*'] }], ratePerIp: 0, ratePerSite: 0 }));

console.log(`ingest benchmark: ${seconds} s per server, ${connections} connections, ${body.length} B beacons of ${template.events.length} events, loopback`);
const bare = await start([join(projectRoot, 'dist/bench/bareServer.mjs')]);
await load(bare.origin, 2);
const baseline = await load(bare.origin, seconds);
await bare.stop();

const collector = await start([join(projectRoot, 'dist/cli.mjs'), 'serve', '--port', '0', '--db', dbFile, '--config', config, '--log-level', 'warn']);
await load(collector.origin, 2);
const ingest = await load(collector.origin, seconds);
await collector.stop();

const db = new Database(dbFile);
db.pragma('wal_checkpoint(TRUNCATE)');
const { events } = db.prepare('SELECT count(*) AS events FROM events').get() as { events: number };
const { batches } = db.prepare('SELECT count(*) AS batches FROM batches').get() as { batches: number };
db.close();
const bytes = statSync(dbFile).size;

console.log(row('bare node:http (204)', baseline));
console.log(row('collector POST /v1/beacon', ingest));
console.log(`ratio to bare node:http: ${((ingest.rps / baseline.rps) * 100).toFixed(1)}% (goal ≥ 40%)`);
console.log(`events/s written: ${((ingest.rps * template.events.length) | 0).toLocaleString('en')}`);
console.log(`stored: ${batches} beacons, ${events} events (${ingest.ok} acknowledged in the measured run, the rest in warm-up)`);
console.log(`database: ${(bytes / 1e6).toFixed(1)} MB, ${(bytes / events).toFixed(0)} B per event → ${(bytes / events).toFixed(0)} MB per million events`);
