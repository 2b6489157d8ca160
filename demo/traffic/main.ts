import { parseArgs } from 'node:util';
import { launchChromium } from '../../test/support/chromium.js';
import { driveTraffic, type TrafficProgress } from './driveTraffic.js';

/**
 * `npm run demo:traffic`: realistic data for every view of the dashboard, from headless Chromium
 * driven through the demo of a running collector (`npm start` in another terminal).
 */
const usage = `usage: npm run demo:traffic -- [--origin http://127.0.0.1:8080] [--minutes 3] [--views N] [--token READ_TOKEN]
Drives headless Chromium through the demo served by a running collector (npm start) for a few
minutes: phones and desktops, throttled networks, release demo-1.0.0 then demo-2.0.0 (whose
filterProducts is twice as slow). --token (or PAGEPROF_READ_TOKEN) prints the dashboard's address with it.`;

const { values } = parseArgs({
  options: {
    origin: { type: 'string', default: process.env.PAGEPROF_ORIGIN ?? 'http://127.0.0.1:8080' },
    minutes: { type: 'string', default: '3' },
    views: { type: 'string' },
    token: { type: 'string', default: process.env.PAGEPROF_READ_TOKEN },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const origin = values.origin.replace(/\/$/, '');
const budgetMs = Number(values.minutes) * 60_000;
const maxViews = values.views === undefined ? Infinity : Number(values.views);
if (!(budgetMs > 0) || !(maxViews > 0)) {
  console.error(usage);
  process.exit(2);
}

const health = await fetch(`${origin}/demo/`).then(
  (response) => response.status,
  () => 0,
);
if (health !== 200) {
  console.error(
    `No demo at ${origin}/demo/ (${health === 0 ? 'nothing answered' : `HTTP ${health}`}). Start the collector first: npm start (it serves the demo without --config).`,
  );
  process.exit(1);
}

const clock = (ms: number) => `${Math.floor(ms / 60_000)}:${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}`;
function drawProgress({ done, failed, elapsedMs, budgetMs: budget, current }: TrafficProgress): void {
  const width = 30;
  const filled = Math.min(width, Math.round((elapsedMs / budget) * width));
  const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${clock(elapsedMs)} of ${clock(budget)} · ${done} page views${failed ? ` (${failed} failed)` : ''} · ${current}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.slice(0, (process.stderr.columns || 120) - 1).padEnd((process.stderr.columns || 120) - 1)}`);
  else process.stderr.write(`${line}\n`);
}

const browser = await launchChromium();
try {
  const report = await driveTraffic({ browser, origin, budgetMs, maxViews, onProgress: drawProgress });
  process.stderr.write('\n');
  const count = (key: 'scenario' | 'device' | 'release') =>
    [...new Set(report.views.map((view) => view[key]))]
      .map((value) => `${value} ${report.views.filter((view) => view[key] === value && view.ok).length}`)
      .join(', ');
  const dashboard = `${origin}/dashboard/${values.token ? `#token=${values.token}` : ''}`;
  console.log(`
${report.views.filter((view) => view.ok).length} page views in ${clock(report.elapsedMs)}.
  by page:    ${count('scenario')}
  by device:  ${count('device')}
  by release: ${count('release')}

Where to look, in the dashboard: ${dashboard}${values.token ? '' : '  (with the #token=… npm start printed)'}
  Overview      LCP and INP cards, their chart over time (a marker where demo-2.0.0 starts) and
                histogram; Release: demo-1.0.0 against demo-2.0.0; Recent page views.
  Attribution   the LCP element (img#hero), the banner's layout shift, #slow-button as INP target,
                long tasks, navigation phases, first- and third-party resources.
  Page view     open a /demo/scenarios/vitals.html view: its slow click, long frame and script.
  Profiles      target "Interaction click", search filterProducts; with Release demo-2.0.0 it
                takes about twice as long (the regression).`);
} finally {
  await browser.close();
}
