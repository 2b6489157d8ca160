// What the page pays at load for pageprof's script tag, against baselines measured in the same
// run: no SDK, and web-vitals' attribution build alone. Usage (after `npm run build`):
//   node test/bench/pageOverhead.mjs [runs] [baseline-bundle.js]
// The optional second bundle (e.g. an older build of dist/pageprof.js) is measured as well.
// Prints medians of CDP ScriptDuration / TaskDuration (main thread CPU) per variant, and ratios,
// and the JS heap the page holds after its load and a garbage collection.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { chromium } from 'playwright-core';

const runs = Number(process.argv[2] ?? 15);
const root = new URL('../..', import.meta.url);
const bundles = {
  pageprof: readFileSync(new URL('dist/pageprof.js', root)),
  ...(process.argv[3] ? { baseline: readFileSync(process.argv[3]) } : {}),
  webvitals: readFileSync(new URL('node_modules/web-vitals/dist/web-vitals.attribution.iife.js', root)),
};

const body = `<main><h1>Shop</h1>${Array.from({ length: 40 }, (_, i) => `<p>Product ${i} — some text to lay out and paint.</p>`).join('')}</main>`;
const tags = {
  none: '',
  webvitals: `<script src="/webvitals.js"></script><script>for (const on of ['onLCP','onINP','onCLS','onFCP','onTTFB']) webVitals[on](() => {});</script>`,
  pageprof: `<script async src="/pageprof.js" data-site="bench" data-endpoint="/v1/beacon"></script>`,
  baseline: `<script async src="/baseline.js" data-site="bench" data-endpoint="/v1/beacon"></script>`,
};
const variants = Object.keys(tags).filter((name) => name === 'none' || name in bundles);

const server = http
  .createServer((request, response) => {
    const name = request.url?.slice(1).replace(/\.js$/, '');
    if (request.method === 'POST') return void request.resume().on('end', () => response.end('{}'));
    if (name && name in bundles) return void response.writeHead(200, { 'content-type': 'text/javascript' }).end(bundles[name]);
    const variant = new URL(request.url ?? '/', 'http://x').searchParams.get('v') ?? 'none';
    response.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><html><head>${tags[variant]}</head><body>${body}</body></html>`);
  })
  .listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const samples = Object.fromEntries(variants.map((name) => [name, { script: [], task: [], heap: [] }]));
for (let run = 0; run < runs + 1; run++) {
  // Alternate the order so drift on a shared machine hits every variant alike; run 0 warms up.
  for (const variant of run % 2 ? [...variants].reverse() : variants) {
    const page = await browser.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`${origin}/?v=${variant}`, { waitUntil: 'load' });
    await page.waitForTimeout(600);
    const { metrics } = await cdp.send('Performance.getMetrics');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    const metric = (name) => (metrics.find((entry) => entry.name === name)?.value ?? 0) * 1000;
    if (run > 0) {
      samples[variant].script.push(metric('ScriptDuration'));
      samples[variant].task.push(metric('TaskDuration'));
      samples[variant].heap.push(usedSize / 1e6);
    }
    await page.close();
  }
}
await browser.close();
server.close();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const none = samples.none;
console.log(`${runs} loads each; main-thread CPU at load (ms, median); JS heap after load and GC (MB, median)`);
for (const variant of variants) {
  const script = median(samples[variant].script);
  const task = median(samples[variant].task);
  const heap = median(samples[variant].heap);
  console.log(
    `${variant.padEnd(10)} script ${script.toFixed(1).padStart(6)}  task ${task.toFixed(1).padStart(6)}  task ×${(task / median(none.task)).toFixed(2)} of no SDK` +
      (variant !== 'webvitals' && samples.webvitals ? `  script ${(script - median(samples.webvitals.script)).toFixed(1)} ms vs web-vitals alone` : '') +
      `  heap ${heap.toFixed(2)} MB (+${(heap - median(none.heap)).toFixed(2)} of no SDK)`,
  );
}
