import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PerfEvent } from '../../src/protocol/beacon.js';
import { browserAndCollector } from '../support/browserAndCollector.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { postBeacon } from '../support/httpPost.js';

const shared = browserAndCollector();

/**
 * Known page views: release web-1 has three views at scale 1 and one at scale 3 (LCP 1800 ×3 and
 * 5400, INP 150 ×3 and 450), web-2 four at scale 0.5 (LCP 900, INP 75). p75 by percentile_cont:
 * web-1 LCP 2700 (needs improvement), INP 225 (needs improvement); web-2 LCP 900, INP 75; all
 * eight LCP 1800 (good), INP 150 (good).
 */
const VIEWS = [...[1, 1, 1, 3].map((scale) => ({ release: 'web-1', scale })), ...[0.5, 0.5, 0.5, 0.5].map((scale) => ({ release: 'web-2', scale }))];

const post = async (beacon: ReturnType<typeof makeBeacon>) => {
  const answer = await postBeacon(shared.collector.origin, beacon);
  expect(answer.status, answer.body).toBe(200);
};

beforeAll(async () => {
  for (const { release, scale } of VIEWS) await post(makeBeacon({ view: makeView({ release }) }, scale));
});

/** Uncaught errors of every dashboard page a test opened: there must be none. */
const pageErrors: Error[] = [];
afterEach(() => {
  expect(pageErrors).toEqual([]);
  pageErrors.length = 0;
});

async function openDashboard(query: string): Promise<Page> {
  const page = await shared.browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(`${shared.collector.origin}/dashboard/?${query}#token=${shared.collector.readToken}`);
  return page;
}

const card = (page: Page, vital: string) => page.locator(`#vitals [data-vital="${vital}"]`);
const p75 = (page: Page, vital: string) => card(page, vital).locator('.card-p75').textContent();

describe('dashboard overview over a real collector', () => {
  it('shows p75 vitals with their ratings, the slow interaction and its script, and a release filter changes them', async () => {
    const page = await openDashboard('site=demo');
    await expect.poll(() => p75(page, 'LCP')).toBe('1.80 s');
    expect(await p75(page, 'INP')).toBe('150 ms');
    expect(await card(page, 'LCP').getAttribute('data-rating')).toBe('good');
    expect(await card(page, 'LCP').textContent()).toContain('8 views');

    // The slowest interaction (450 ms, the scale-3 view) with its target, phases and the script that ran.
    const slowest = page.locator('#interactions tbody tr').first();
    await expect.poll(() => slowest.textContent()).toContain('450 ms');
    const text = await slowest.textContent();
    expect(text).toContain('button#buy');
    expect(text).toContain('addToCart');
    expect(text).toContain('https://shop.example/assets/app.js');
    expect(text).toContain('processing 100 ms');
    await expect.poll(() => page.locator('#scripts tbody tr').first().textContent()).toContain('addToCart');
    expect(await page.locator('#pages tbody tr').first().textContent()).toContain('https://shop.example/products');

    // The release menu offers what the collector has seen; choosing one narrows every section.
    await expect.poll(() => page.locator('#filters select[name="release"] option').allTextContents()).toEqual(['All releases', 'web-2', 'web-1']);
    await page.selectOption('#filters select[name="release"]', 'web-1');
    await expect.poll(() => p75(page, 'LCP')).toBe('2.70 s');
    expect(await card(page, 'LCP').getAttribute('data-rating')).toBe('needs-improvement');
    expect(await p75(page, 'INP')).toBe('225 ms');
    expect(await card(page, 'INP').getAttribute('data-rating')).toBe('needs-improvement');
    expect(await card(page, 'LCP').locator('.card-sub').last().textContent()).toBe('good 75% · needs improvement 0% · poor 25%');
    await expect.poll(() => page.locator('#views tbody tr').count()).toBe(4);

    // The view is in the URL, to be shared; the token is not.
    const shareable = page.url();
    expect(shareable).toContain('release=web-1');
    expect(shareable).not.toContain(shared.collector.readToken ?? 'no token');
    await page.close();

    const opened = await shared.browser.newPage();
    opened.on('pageerror', (error) => pageErrors.push(error));
    await opened.goto(`${shareable}#token=${shared.collector.readToken}`);
    await expect.poll(() => p75(opened, 'LCP')).toBe('2.70 s');
    expect(await opened.locator('#filters select[name="release"]').inputValue()).toBe('web-1');
    await opened.selectOption('#filters select[name="release"]', 'web-2');
    await expect.poll(() => p75(opened, 'LCP')).toBe('900 ms');
    expect(await p75(opened, 'INP')).toBe('75 ms');
    await opened.close();
  });

  it('shows markup a page sent as text and never runs it', async () => {
    const payload = (mark: number) => `<img src=x onerror="window.__xss=${mark}">`;
    const beacon = makeBeacon({ view: makeView({ release: 'evil', url: `https://shop.example/${payload(1)}` }) });
    const script = {
      url: `https://shop.example/${payload(2)}.js`,
      fn: payload(3),
      invoker: payload(4),
      invokerType: 'event-listener',
      char: 1,
      start: 1500,
      duration: 300,
      forcedLayout: 0,
      pause: 0,
    };
    beacon.events = beacon.events.map((event): PerfEvent => {
      if (event.type === 'interaction') return { ...event, duration: 900, target: payload(5), scripts: [script] };
      if (event.type === 'loaf') return { ...event, scripts: [script] };
      if (event.type === 'measure') return { ...event, name: payload(6) };
      return event;
    });
    await post(beacon);

    const page = await openDashboard('site=demo&release=evil');
    const interaction = page.locator('#interactions tbody tr').first();
    await expect.poll(() => interaction.textContent()).toContain(payload(5));
    expect(await interaction.textContent()).toContain(payload(3));
    expect(await interaction.textContent()).toContain(`https://shop.example/${payload(2)}.js`);
    await expect.poll(() => page.locator('#scripts tbody tr').first().textContent()).toContain(payload(4));
    await expect.poll(() => page.locator('#measures tbody').textContent()).toContain(payload(6));
    // Each section has its request: polled, as the ones before (read at once it was empty in a CI run).
    await expect.poll(() => page.locator('#pages tbody').textContent()).toContain(payload(1));
    await expect.poll(() => page.locator('#filters select[name="page"] option').allTextContents()).toContain(`https://shop.example/${payload(1)}`);
    // A broken image fires its error at once; give it a moment to prove that none was created.
    await page.waitForTimeout(300);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await page.close();
  });

  it('filters by page from the pages table, and asks for a token instead of showing data without one', async () => {
    const page = await openDashboard('site=demo');
    await page.locator('#pages button', { hasText: 'https://shop.example/products' }).click();
    await expect.poll(() => page.url()).toContain(`page=${encodeURIComponent('https://shop.example/products')}`);
    expect(await page.locator('#filters select[name="page"]').inputValue()).toBe('https://shop.example/products');
    await expect.poll(() => card(page, 'LCP').textContent()).toContain('8 views');
    await page.close();

    const anonymous = await shared.browser.newPage();
    anonymous.on('pageerror', (error) => pageErrors.push(error));
    await anonymous.goto(`${shared.collector.origin}/dashboard/?site=demo`);
    await anonymous.locator('#auth').waitFor({ state: 'visible' });
    expect(await anonymous.locator('#vitals .card').count()).toBe(0);
    await anonymous.close();
  });
});
