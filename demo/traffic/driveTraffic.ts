import type { Browser } from 'playwright-core';
import { deployRelease, RELEASES, type Release } from './deployRelease.js';
import { TRAFFIC_DEVICES, type TrafficDevice } from './devices.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

export interface TrafficOptions {
  browser: Browser;
  /** The collector serving the demo (`npm start`: http://127.0.0.1:8080). */
  origin: string;
  /** Stop starting page views after this long… */
  budgetMs: number;
  /** …or after this many, whichever comes first. */
  maxViews?: number;
  /** Told before each page view and at the end. */
  onProgress?(progress: TrafficProgress): void;
}

export interface TrafficProgress {
  done: number;
  failed: number;
  elapsedMs: number;
  budgetMs: number;
  current: string;
}

export interface TrafficReport {
  views: { scenario: string; device: string; release: Release; ok: boolean }[];
  elapsedMs: number;
}

/** How long a context outlives its closed page, for the exit beacons in flight. */
const EXIT_LINGER_MS = 1000;

/** Picks by weight, from a seeded sequence so that two runs visit in the same order. */
function weighted(scenarios: readonly Scenario[], random: () => number): Scenario {
  const total = scenarios.reduce((sum, scenario) => sum + scenario.weight, 0);
  let pick = random() * total;
  for (const scenario of scenarios) if ((pick -= scenario.weight) < 0) return scenario;
  return scenarios[0] as Scenario;
}

function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

/** One page view in a fresh context (a new visitor: a new session), on one emulated device. */
async function visit(browser: Browser, origin: string, scenario: Scenario, device: TrafficDevice, release: Release): Promise<void> {
  const context = await browser.newContext(device.context);
  try {
    await deployRelease(context, release);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (device.network) await cdp.send('Network.emulateNetworkConditions', { offline: false, ...device.network });
    if (device.cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: device.cpu });
    await page.goto(`${origin}${scenario.path}`, { timeout: 30_000 });
    await scenario.act(page);
    // Closing the page (and waiting for it) makes it hidden: the SDK's exit beacons carry what is
    // left. They are keepalive requests of the browser's, which closing the context at once can cut
    // off (a page view of eight went missing so): the context lives a moment longer.
    await page.close();
    await new Promise((resolve) => setTimeout(resolve, EXIT_LINGER_MS));
  } finally {
    await context.close();
  }
}

/**
 * Drives Chromium through the demo as many visitors would, for a bounded time: each page view a
 * scenario (weighted) on a device (phones throttled, desktops not), the first half of the time on
 * release 1, the second on release 2. Every scenario comes once per release before any repeats, so
 * that a short run still has each.
 */
export async function driveTraffic({ browser, origin, budgetMs, maxViews = Infinity, onProgress }: TrafficOptions): Promise<TrafficReport> {
  const started = Date.now();
  const random = seeded(17);
  const views: TrafficReport['views'] = [];
  const elapsed = () => Date.now() - started;
  const planned = (release: Release) => views.filter((view) => view.release === release).length;
  while (elapsed() < budgetMs && views.length < maxViews) {
    const release: Release = elapsed() < budgetMs / 2 && views.length < maxViews / 2 ? RELEASES[0] : RELEASES[1];
    const index = planned(release);
    const scenario = index < SCENARIOS.length ? (SCENARIOS[index] as Scenario) : weighted(SCENARIOS, random);
    // Devices turn one step further each round, so that every scenario meets every device.
    const device = TRAFFIC_DEVICES[(views.length + Math.floor(views.length / TRAFFIC_DEVICES.length)) % TRAFFIC_DEVICES.length] as TrafficDevice;
    onProgress?.({
      done: views.length,
      failed: views.filter((view) => !view.ok).length,
      elapsedMs: elapsed(),
      budgetMs,
      current: `${release} · ${device.name} · ${scenario.name}`,
    });
    let ok = true;
    try {
      await visit(browser, origin, scenario, device, release);
    } catch {
      // A page view that timed out on a throttled phone is one missing view, not the end of the run.
      ok = false;
    }
    views.push({ scenario: scenario.name, device: device.name, release, ok });
  }
  onProgress?.({ done: views.length, failed: views.filter((view) => !view.ok).length, elapsedMs: elapsed(), budgetMs, current: 'done' });
  return { views, elapsedMs: elapsed() };
}
