/**
 * `npm run bench`: what profiling costs the page, side by side in one run on the same workload in
 * headless Chromium: no SDK, the raw `Profiler` alone (one window, and restarted as often as
 * pageprof restarts it), and pageprof with profiling on. Every page
 * gets `Document-Policy: js-profiling` (through pageprof/server), so the header's own cost is the
 * same for all three. Prints ratios against the baselines of this run, never absolute verdicts.
 * Also: the main-thread cost of each pageprof window, its profile event's size, and the worker's
 * processing time for a recorded 30 s trace.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Beacon, ProfileEvent } from '../../src/protocol/beacon.js';
import type { ProfilerTrace, ProfileSpanEntry } from '../../src/protocol/workerApi.js';
import { profilingHeader } from '../../src/profilingHeader/profilingHeader.js';
import { processTrace } from '../../src/worker/profile/processTrace.js';
import { launchChromium } from '../support/chromium.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const root = process.cwd();

/** Bursts of CPU-bound tasks (fixed work, not fixed time) with idle gaps, like a page reacting to input. */
const workload = `
function score(seed, n) { let x = seed; for (let i = 0; i < n; i++) x = (x * 1103515245 + 12345) % 2147483647; return x; }
function renderBurst(n) { let total = 0; for (let i = 0; i < 40; i++) total += score(i, n / 40); return total; }
async function run() {
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  let work = 0;
  await pause(300);
  for (let burst = 0; burst < 5; burst++) {
    for (let task = 0; task < 6; task++) {
      const started = performance.now();
      renderBurst(2_500_000);
      work += performance.now() - started;
      await pause(0);
    }
    dispatchEvent(new Event('burst-end'));
    await pause(1300);
  }
  window.benchResult = { work };
}
run();`;

/** Times the Profiler's own calls and the page's posts to workers, as each variant makes them. */
const instrument = `<script>
window.costs = { construct: 0, stop: 0, post: 0, windows: 0 };
if (typeof Profiler === 'function') {
  const stop = Profiler.prototype.stop;
  Profiler.prototype.stop = function () { const t = performance.now(); const r = stop.call(this); costs.stop += performance.now() - t; costs.windows++; return r; };
  window.Profiler = new Proxy(Profiler, { construct(target, args) { const t = performance.now(); const r = Reflect.construct(target, args); costs.construct += performance.now() - t; return r; } });
}
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (...args) { const t = performance.now(); const r = post.apply(this, args); costs.post += performance.now() - t; return r; };
</script>`;

const variants: Record<string, string> = {
  none: '',
  raw: `<script>window.rawProfiler = new Profiler({ sampleInterval: 10, maxBufferSize: 4000 });</script>`,
  // The raw API restarted as often as pageprof restarts it (200 ms after each burst, SETTLE_MS),
  // so that what remains between this and pageprof is pageprof's own doing.
  'raw-windows': `<script>
    let profiler = new Profiler({ sampleInterval: 10, maxBufferSize: 4000 });
    addEventListener('burst-end', () => setTimeout(() => { profiler.stop(); profiler = new Profiler({ sampleInterval: 10, maxBufferSize: 4000 }); }, 200));
  </script>`,
  pageprof: `<script src="/pageprof.js" data-site="bench" data-endpoint="/v1/beacon" data-profile-rate="1"></script>`,
};
const page = (variant: string) =>
  `<!doctype html><meta charset="utf-8"><title>${variant}</title>${instrument}${variants[variant]}<script src="/workload.js"></script>`;

const profiles: ProfileEvent[] = [];
function collectBeacon(body: Buffer): void {
  const text = (body[0] === 0x1f && body[1] === 0x8b ? gunzipSync(body) : body).toString('utf8');
  const beacon = JSON.parse(text) as Beacon;
  for (const event of beacon.events) if (event.type === 'profile') profiles.push(event);
}

const setProfilingHeader = profilingHeader({ fraction: 1 });
const server = createServer((request, response) => {
  if (request.method === 'POST') {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      collectBeacon(Buffer.concat(chunks));
      response.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' }).end('{"ok":true}');
    });
    return;
  }
  if (request.url === '/workload.js') return response.writeHead(200, { 'content-type': 'text/javascript' }).end(workload);
  if (request.url === '/pageprof.js' || request.url === '/pageprof-profiler.js') {
    return response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(root, 'dist', request.url)));
  }
  setProfilingHeader(request, response);
  response.writeHead(200, { 'content-type': 'text/html' }).end(page(request.url?.slice(1) ?? 'none'));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

interface Run {
  /** Wall time of the workload's tasks, measured in the page. */
  work: number;
  /** Main-thread CPU time of all tasks and of script (CDP, thread ticks). */
  taskMs: number;
  scriptMs: number;
  costs: { construct: number; stop: number; post: number; windows: number };
}
const runs: Record<string, Run[]> = Object.fromEntries(Object.keys(variants).map((variant) => [variant, []]));
const browser = await launchChromium();
try {
  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order each round so that drift on a shared machine falls on every variant alike.
    const order = Object.keys(variants).map((_, i, all) => all[(i + round) % all.length] as string);
    for (const variant of order) {
      const tab = await browser.newPage();
      const cdp = await tab.context().newCDPSession(tab);
      // Thread CPU time, not wall time: other processes on a shared machine do not count.
      await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
      await tab.goto(`${origin}/${variant}`);
      await tab.waitForFunction(() => 'benchResult' in window, undefined, { timeout: 60_000, polling: 200 });
      // pageprof: the last window ends 200 ms after the last burst, and its post follows.
      if (variant === 'pageprof') await tab.waitForTimeout(500);
      const { work } = await tab.evaluate(() => (window as unknown as { benchResult: { work: number } }).benchResult);
      const costs = await tab.evaluate(() => (window as unknown as { costs: Run['costs'] }).costs);
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const metric = (name: string) => (metrics.find((candidate) => candidate.name === name)?.value ?? 0) * 1000;
      runs[variant]?.push({ work, taskMs: metric('TaskDuration'), scriptMs: metric('ScriptDuration'), costs });
      await tab.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const fixed = (value: number, digits = 1) => value.toFixed(digits);
const of = (variant: string, pick: (run: Run) => number) => median((runs[variant] ?? []).map(pick));

console.log(`\nprofiling overhead, ${ROUNDS} rounds, medians (workload: 5 bursts of 6 CPU-bound tasks, idle gaps)`);
console.log('main-thread CPU (thread ticks) is the measure; wall time of the workload is shown for reference\n');
console.log('variant       task CPU ms   vs none   vs raw   script CPU ms   workload wall ms');
for (const variant of Object.keys(variants)) {
  const task = of(variant, (run) => run.taskMs);
  console.log(
    `${variant.padEnd(13)} ${fixed(task).padStart(11)}   ${fixed(task / of('none', (run) => run.taskMs), 3).padStart(7)}   ${fixed(task / of('raw', (run) => run.taskMs), 3).padStart(6)}   ${fixed(of(variant, (run) => run.scriptMs)).padStart(13)}   ${fixed(of(variant, (run) => run.work)).padStart(16)}`,
  );
}
// Ratios within one round (neighbouring page loads) are steadier than ratios of medians.
const pairs = (a: string, b: string) => (runs[a] ?? []).map((run, i) => run.taskMs / (runs[b]?.[i]?.taskMs ?? run.taskMs));
for (const [a, b] of [
  ['raw', 'none'],
  ['pageprof', 'none'],
  ['pageprof', 'raw'],
  ['pageprof', 'raw-windows'],
] as const) {
  const ratios = pairs(a, b);
  console.log(`${a} / ${b} task CPU per round: ${ratios.map((ratio) => fixed(ratio, 3)).join(' ')}  (median ${fixed(median(ratios), 3)})`);
}

const perWindow = (variant: string, key: 'construct' | 'stop' | 'post') => of(variant, (run) => run.costs[key] / Math.max(1, run.costs.windows));
const windows = of('pageprof', (run) => run.costs.windows);
console.log(`\npageprof main thread per window (${windows} windows per page view, median):`);
console.log(
  `  Profiler.stop() ${fixed(perWindow('pageprof', 'stop'), 2)} ms · new Profiler() ${fixed(perWindow('pageprof', 'construct'), 2)} ms: the API's own cost (raw-windows: ${fixed(perWindow('raw-windows', 'stop'), 2)} ms · ${fixed(perWindow('raw-windows', 'construct'), 2)} ms)`,
);
console.log(`  pageprof's own: posts to its worker ${fixed(perWindow('pageprof', 'post'), 2)} ms per window (trace hand-over and batches)`);
console.log(
  `  main-thread task CPU over raw: ${fixed(of('pageprof', (run) => run.taskMs) - of('raw', (run) => run.taskMs))} ms per page view (SDK start, other metrics, batching, windows)`,
);

const sizes = profiles.map((event) => gzipSync(JSON.stringify(event)).length);
console.log(`\nprofile events received: ${profiles.length}; gzip bytes per window: median ${median(sizes)}, max ${Math.max(...sizes)}`);

// The worker's processing, on the recorded 30 s trace, in this Node process (V8 like Chromium's worker).
const recorded = JSON.parse(readFileSync(join(root, 'test/fixtures/profiles/mixed-30s.json'), 'utf8')) as {
  trace: ProfilerTrace;
  spans: ProfileSpanEntry[];
  windowStart: number;
  windowEnd: number;
};
const window = { trace: recorded.trace, entries: recorded.spans, start: recorded.windowStart, end: recorded.windowEnd, reason: 'interval' };
const times: number[] = [];
for (let i = 0; i < 60; i++) {
  const started = performance.now();
  processTrace(window);
  times.push(performance.now() - started);
}
const event = processTrace(window);
console.log(
  `worker processTrace on a 30 s trace (${recorded.trace.samples.length} samples, ${recorded.spans.length} entries): median ${fixed(median(times.slice(10)), 2)} ms, first run ${fixed(times[0] ?? 0, 2)} ms; event ${gzipSync(JSON.stringify(event)).length} B gzip`,
);
