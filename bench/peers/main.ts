/**
 * `npm run bench:peers [-- --loads N] [-- --variants none,pageprof]`: pageprof and its peers on one
 * page, workload and intake, a fresh Chromium per page view, the variants taking turns. Prints a
 * Markdown table of medians, ranges and ratios to no SDK and writes it to bench/results/latest.md
 * (and each view's figures to latest.json). About 7 s per page view on a quiet machine (12 loads ×
 * 7 variants ≈ 10 min), twice that on a busy one.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { projectRoot, startCollector } from '../../test/support/collectorProcess.js';
import { startIntake } from './intake.js';
import { measureLoad } from './measureLoad.js';
import { buildPeerBundles } from './peerBundles.js';
import { startPageServer } from './pageServer.js';
import { resultsDocument, type Sample } from './report.js';
import { variants as allVariants } from './variants.js';

const { values: args } = parseArgs({
  options: { loads: { type: 'string', default: '12' }, variants: { type: 'string' }, note: { type: 'string' }, verbose: { type: 'boolean', default: false } },
});
const loads = Number(args.loads);
const variants = args.variants ? allVariants.filter((variant) => variant.name === 'none' || args.variants!.split(',').includes(variant.name)) : allVariants;
if (!Number.isInteger(loads) || loads < 1) throw new Error(`--loads must be a whole number, not '${args.loads}'`);

const started = Date.now();
const loadAtStart = loadavg()[0]!;
const work = mkdtempSync(join(tmpdir(), 'pageprof-peers-'));
const configFile = join(work, 'sites.json');
// Any origin may post: the page's port is only known once its server listens.
writeFileSync(
  configFile,
  JSON.stringify({
    sites: [{ id: 'bench', writeKey: 'bench-public-key', readTokens: ['bench-read-token-of-at-least-32-characters'], origins: ['*'] }],
    // One address sends everything (the intake forwards): no per-address or per-site limit may refuse it.
    ratePerIp: 0,
    ratePerSite: 0,
  }),
);
const collector = await startCollector({ dbFile: join(work, 'pageprof.db'), args: ['--config', configFile] });
// However the run ends (an error, a closed pipe), the collector process does not outlive it.
process.once('exit', () => collector.process.kill());
const intake = await startIntake(collector.origin);
const { dirs: peerDirs, versions } = await buildPeerBundles(join(work, 'sdk'), intake.origin);
const page = await startPageServer({ ...peerDirs, pageprof: join(projectRoot, 'dist') }, intake.origin);

const gzipped = new Map<string, number>();
const gzipKb = (file: string) => {
  if (!gzipped.has(file)) gzipped.set(file, gzipSync(readFileSync(file), { level: 9 }).length / 1024);
  return gzipped.get(file)!;
};

let browserVersion = '';
async function pageView(variantIndex: number): Promise<Sample> {
  const variant = variants[variantIndex]!;
  page.use(variant);
  const measure = await measureLoad(`${page.origin}/`, () => intake.settled(1000, 10_000), args.verbose);
  browserVersion = measure.browserVersion;
  const requests = intake.take();
  const sdkFiles = [...new Set(page.takeSdkFiles())];
  const events = requests.flatMap((request) => request.events);
  if (args.verbose) {
    process.stderr.write(`${variant.name}: ${sdkFiles.length} SDK files\n`);
    for (const r of requests)
      process.stderr.write(
        `  ${r.sdk} ${r.method} ${r.target} ${r.status} sent ${r.sent} B, received ${r.received} B, ${r.profiles.length} profiles, ${r.events.length} events\n`,
      );
  }
  return {
    bundleKb: sdkFiles.reduce((sum, file) => sum + gzipKb(file), 0),
    loadScript: measure.load.script,
    loadTask: measure.load.task,
    workScript: measure.workload.script,
    workTask: measure.workload.task,
    requests: requests.length,
    sentKb: requests.reduce((sum, request) => sum + request.sent, 0) / 1024,
    receivedKb: requests.reduce((sum, request) => sum + request.received, 0) / 1024,
    heapMb: measure.heap / 1e6,
    profiles: new Set(requests.flatMap((request) => request.profiles)).size,
    eventsSent: events.length,
    eventsDistinct: new Set(events).size,
    refused: requests.filter((request) => request.status >= 300).length,
  };
}

const samples: Record<string, Sample[]> = Object.fromEntries(variants.map((variant) => [variant.name, []]));
try {
  // One view first, not counted: the first browser start after a while reads Chromium from disk.
  await pageView(0);
  for (let round = 0; round < loads; round++) {
    // Round-robin, every other round backwards, so drift on a shared machine hits every variant alike.
    const order = variants.map((_, index) => index);
    if (round % 2) order.reverse();
    for (const index of order) samples[variants[index]!.name]!.push(await pageView(index));
    process.stderr.write(`round ${round + 1} of ${loads} (${Math.round((Date.now() - started) / 1000)} s)\n`);
  }
} finally {
  await page.close();
  await intake.close();
  await collector.stop();
  rmSync(work, { recursive: true, force: true });
}

const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: projectRoot, encoding: 'utf8' }).trim();
const { version } = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string };
const machine = `${cpus().length} cores (${cpus()[0]?.model.trim()}), headless Chromium ${browserVersion}, Node ${process.versions.node}`;
const markdown = resultsDocument(variants, samples, {
  date: new Date().toISOString().slice(0, 10),
  loads,
  machine,
  load: `load average ${loadAtStart.toFixed(1)} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
  seconds: Math.round((Date.now() - started) / 1000),
  versions: { pageprof: `${version} (${commit})`, ...versions },
  note: args.note,
});
console.log(markdown);
const out = join(projectRoot, 'bench', 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'latest.md'), `${markdown}\n`);
writeFileSync(join(out, 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, loads, samples }, null, 1)}\n`);
