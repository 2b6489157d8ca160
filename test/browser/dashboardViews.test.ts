import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driveTraffic } from '../../demo/traffic/driveTraffic.js';
import type { PerfEvent } from '../../src/protocol/beacon.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { launchChromium } from '../support/chromium.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { postBeacon } from '../support/httpPost.js';
import { queryApi, viewsIn } from '../support/queryApi.js';

/** The test's artifacts: a screenshot of each view at each size. */
const SCREENSHOTS = join(projectRoot, '.tmp/screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;
const TABS = ['overview', 'attribution', 'view', 'profiles'] as const;

let browser: Browser;
let collector: CollectorProcess;
const pageErrors: string[] = [];

const api = <T>(path: string): Promise<T> => queryApi<T>(collector, path);
interface ViewRow {
  id: string;
  url: string;
  release: string | null;
  events: number;
}

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollector({ args: ['--demo-sourcemaps'] })]);
  // A short run of npm run demo:traffic: every scenario once on each release, on phones and desktops.
  const report = await driveTraffic({ browser, origin: collector.origin, budgetMs: 150_000, maxViews: 8 });
  expect(report.views.filter((view) => !view.ok)).toEqual([]);
  // The last page views' exit beacons, and the profiled windows' handover, arrive a moment later.
  await eventually(
    () => api<{ views: ViewRow[] }>('views?limit=50'),
    ({ views }) => views.filter((view) => view.url.endsWith('/scenarios/vitals.html') && view.events > 5).length === 2,
  );
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

/** A dashboard page in a context of its own (axe-core's runner asks for one), closed with the page. */
async function openDashboard(query: string, size: { width: number; height: number } = SIZES[0]): Promise<Page> {
  const context = await browser.newContext({ viewport: size });
  const page = await context.newPage();
  page.on('close', () => void context.close());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${collector.origin}/dashboard/?site=demo${query}#token=${collector.readToken}`);
  return page;
}

/** The slow click's page view of release 1, found in the list as a reader would. */
const slowClickView = async () =>
  (await api<{ views: ViewRow[] }>('views?limit=50&release=demo-1.0.0')).views.find((view) => view.url.endsWith('/scenarios/vitals.html'));

describe('the dashboard after demo traffic (a short npm run demo:traffic)', () => {
  it("opens the slow click's page view from Recent page views: its interaction, long frame and script on the timeline", async () => {
    const page = await openDashboard('&release=demo-1.0.0');
    const row = page.locator('#views tbody tr', { hasText: '/demo/scenarios/vitals.html' }).first();
    await row.locator('button').click();
    await expect.poll(() => page.url()).toContain('tab=view');
    const interaction = page.locator('#timeline .bar[data-kind="interaction"]', { hasText: '#slow-button' });
    await interaction.waitFor();
    expect(await interaction.textContent()).toBe('click button#slow-button');
    expect(await page.locator('#timeline .bar[data-kind="loaf"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#timeline .bar[data-kind="script"]', { hasText: 'recalculatePrices' }).count()).toBe(1);
    expect(await page.locator('#timeline .bar[data-kind="vital"]', { hasText: 'LCP' }).count()).toBe(1);
    // Hovering names its phases; its context says where it was measured.
    await interaction.hover();
    await expect.poll(() => page.locator('.timeline-tip').textContent()).toMatch(/input delay \d+ ms · processing \d+ ms · presentation \d+ ms/);
    expect(await page.locator('#view-context').textContent()).toContain('demo-1.0.0');
    // Not profiled (the page has no data-profile-rate): its profile link says why and how to turn profiling on.
    await interaction.click();
    await expect.poll(() => page.locator('#timeline [role="status"]').textContent()).toContain('data-profile-rate');
    await page.close();
  });

  it("names the demo's hero as the LCP element, the INP target and the long tasks", async () => {
    const page = await openDashboard('&tab=attribution');
    await expect.poll(() => page.locator('#targets-LCP tbody').textContent()).toContain('#hero');
    await expect.poll(() => page.locator('#targets-INP tbody').textContent()).toContain('#slow-button');
    await expect.poll(() => page.locator('#longtasks tbody').textContent()).toContain('/demo/scenarios/vitals.html');
    // Its own request: not there yet when the targets' tables are (an empty share in a CI run).
    await expect.poll(() => page.locator('#party-share').textContent()).toContain('first party: 100% of requests');
    await page.close();
  });

  it('finds filterProducts with the flame graph’s search and sums its time, on either release', async () => {
    const timeOf = async (release: string) => {
      const page = await openDashboard(`&tab=profiles&target=interaction:click&release=${release}`);
      await page.locator('#flame input[type="search"]').fill('filterProducts');
      const found = page.locator('#flame .flame-found');
      await expect.poll(() => found.textContent()).toMatch(/^\d+ frames? match · [\d.]+ m?s · \d+% of all$/);
      const [, amount, unit] = /· ([\d.]+) (m?s) ·/.exec((await found.textContent()) ?? '') ?? [];
      await page.locator('#flame input[type="search"]').press('Enter');
      await expect.poll(() => page.locator('#flame .flame-tip').textContent()).toContain('filterProductsdemo/profiled/products.js:7');
      await page.close();
      return Number(amount) * (unit === 's' ? 1000 : 1);
    };
    const before = await timeOf('demo-1.0.0');
    const after = await timeOf('demo-2.0.0');
    console.log(`filterProducts, one profiled search click per release: ${before} ms in demo-1.0.0, ${after} ms in demo-2.0.0`);
    // One click each, 300 ms of filterProducts in release 1 and 600 ms in release 2: what the
    // profiler attributes to one interaction varies too much on this machine to compare them here.
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
  });

  it('has no horizontal scroll at 390 px, no serious or critical axe violation, and a screenshot of each view at each size', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const view = await slowClickView();
    const saved: string[] = [];
    for (const size of SIZES) {
      const page = await openDashboard(`&view=${view?.id}&range=1h`, size);
      await page.locator('#vitals .card-p75').first().waitFor();
      for (const tab of TABS) {
        await page.click(`#tab-${tab}`);
        await expect.poll(() => page.locator('#status').textContent()).toMatch(/^refreshed/);
        // The tab's sections have their data once a refresh of it is done; charts draw on the next frame.
        await page.waitForFunction((name) => !document.getElementById(name)?.querySelector('tbody:empty, #timeline:empty'), tab);
        await page.waitForTimeout(300);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${tab} at ${size.width} px scrolls sideways`).toBeLessThanOrEqual(0);
        const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
        const serious = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
        expect(
          serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`),
          `${tab} at ${size.width} px`,
        ).toEqual([]);
        const file = join(SCREENSHOTS, `${tab}-${size.width}x${size.height}.png`);
        await page.screenshot({ path: file, fullPage: true });
        saved.push(file);
      }
      await page.close();
    }
    console.log(`screenshots:\n${saved.join('\n')}`);
    expect(pageErrors).toEqual([]);
  });

  it('reports the first view’s time until every section has its data', async () => {
    const events = (await viewsIn(collector)).reduce((sum, view) => sum + view.events, 0);
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const page = await openDashboard('');
      await page.waitForFunction(() => document.documentElement.dataset.firstViewMs !== undefined);
      times.push(Number(await page.evaluate(() => document.documentElement.dataset.firstViewMs)));
      await page.close();
    }
    console.log(`first view, from navigation start until every overview section had its data: ${times.join(', ')} ms over ${events} stored events`);
    expect(times.every((time) => time > 0)).toBe(true);
  });

  it('keeps markup from pages inert on every view: URLs, selectors, measure, mark and route names', async () => {
    const payload = (mark: number) => `<img src=x onerror="window.__xss=${mark}">`;
    const beacon = makeBeacon({ view: makeView({ release: 'evil', url: `https://shop.example/${payload(1)}` }) });
    beacon.events = beacon.events.map((event): PerfEvent => {
      if (event.type === 'vital' && event.name === 'LCP') return { ...event, attribution: { ...event.attribution, target: payload(2) } };
      if (event.type === 'vital' && event.name === 'CLS') return { ...event, attribution: { ...event.attribution, largestShiftTarget: payload(3) } };
      if (event.type === 'interaction') return { ...event, target: payload(4), scripts: [] };
      if (event.type === 'measure') return { ...event, name: payload(5) };
      if (event.type === 'mark') return { ...event, name: payload(6) };
      if (event.type === 'resources')
        return {
          ...event,
          slowest: [{ url: `https://cdn.example/${payload(7)}`, initiator: 'img', start: 10, duration: 90, transfer: 1 }],
          renderBlocking: [`https://cdn.example/${payload(8)}`],
        };
      return event;
    });
    beacon.events.push({ type: 'route', name: payload(9), start: 2000 });
    expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
    const page = await openDashboard(`&release=evil&view=${beacon.view.id}`);
    await expect.poll(() => page.locator('#measures tbody').textContent()).toContain(payload(5));
    for (const tab of ['attribution', 'view'] as const) await page.click(`#tab-${tab}`);
    await expect.poll(() => page.locator('#timeline').textContent()).toContain(payload(9));
    expect(await page.locator('#timeline').textContent()).toContain(payload(7));
    await page.click('#tab-attribution');
    await expect.poll(() => page.locator('#targets-LCP tbody').textContent()).toContain(payload(2));
    // The resources' own request, not the targets': polled too.
    await expect.poll(() => page.locator('#render-blocking tbody').textContent()).toContain(payload(8));
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });
});

describe('the dashboard before the first beacon, with a wrong token, and with the collector gone', () => {
  it('shows the snippet with the site’s key and waits for the first beacon; says a token was refused; shows a banner when the collector is unreachable', async () => {
    const empty = await startCollector();
    const page = await browser.newPage();
    try {
      await page.goto(`${empty.origin}/dashboard/?site=demo#token=${empty.readToken}`);
      await page.locator('#first-run').waitFor();
      expect(await page.locator('#snippet').textContent()).toContain(`data-site="demo" data-key="demo-public-key"`);
      await expect.poll(() => page.locator('#waiting').textContent()).toContain('Waiting for the first beacon');
      expect((await postBeacon(empty.origin, makeBeacon())).status).toBe(200);
      await page.locator('#first-run').waitFor({ state: 'hidden', timeout: 10_000 });

      await empty.stop();
      await page.locator('#banner').waitFor({ timeout: 15_000 });
      expect(await page.locator('#banner').textContent()).toContain('cannot be reached');

      await page.goto(`${collector.origin}/dashboard/?site=demo#token=not-the-token-of-this-site-but-long-enough`);
      await page.locator('#auth').waitFor();
      expect(await page.locator('#auth-message').textContent()).toContain('refused this read token for site “demo”');
      expect(await page.locator('#status').textContent()).toBe('read token refused');
    } finally {
      await page.close();
      await empty.stop();
    }
  });
});
