import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { apiEvents } from '../support/queryApi.js';

let browser: Browser;
let collector: CollectorProcess;

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollector()]);
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

describe('demo app → worker → collector → SQLite → dashboard', () => {
  it("stores each of the demo page view's marks and measures exactly once", async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.origin}/demo/`);
    await page.waitForSelector('body[data-ready="true"]');
    const browserEntries = await page.evaluate(() =>
      performance
        .getEntries()
        .filter((entry) => entry.entryType === 'mark' || entry.entryType === 'measure')
        .map((entry) => ({ type: entry.entryType, name: entry.name, start: entry.startTime, duration: entry.duration })),
    );
    await page.click('#next');
    await page.waitForURL('**/about.html');

    const expected = ['app-start', 'load-products-start', 'load products', 'render-start', 'render list', 'app-ready'];
    const timings = async () => (await apiEvents(collector)).filter((event) => event.type === 'mark' || event.type === 'measure');
    const rows = await eventually(timings, (found) => found.length >= expected.length);
    // A little longer: a duplicate (worker upload and exit beacon of one batch) would show up now.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const settled = await timings();
    expect(settled.map((row) => row.name).sort()).toEqual([...expected].sort());
    expect(new Set(settled.map((row) => row.viewId)).size).toBe(1);
    expect(rows.length).toBe(settled.length);

    for (const row of settled) {
      const entry = browserEntries.find((candidate) => candidate.name === row.name);
      expect(entry, row.name).toBeDefined();
      expect(row.type).toBe(entry?.type);
      expect(row.start).toBeCloseTo(entry?.start ?? -1, 0);
      if (row.type === 'measure') expect(row.duration).toBeCloseTo(entry?.duration ?? -1, 0);
    }
    const loadProducts = settled.find((row) => row.name === 'load products');
    expect(loadProducts?.duration).toBeGreaterThanOrEqual(110);
    await page.close();
  });

  it('shows the stored measures and the page view on the dashboard', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.origin}/dashboard/?site=demo#token=${collector.readToken}`);
    const measures = page.locator('#measures tbody tr');
    await expect
      .poll(() => measures.allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('load products'), expect.stringContaining('render list')]));
    const loadProductsRow = await page.locator('#measures tbody tr', { hasText: 'load products' }).locator('td').allTextContents();
    expect(loadProductsRow[1]).toBe('1');
    expect(Number(loadProductsRow[2])).toBeGreaterThanOrEqual(110);
    // Each section is drawn as its own answer arrives: the page views may come after the measures.
    await expect
      .poll(async () => (await page.locator('#views tbody tr').allTextContents()).some((text) => text.includes('/demo/') && text.includes('demo-1.0.0')))
      .toBe(true);
    // The token left the address bar and stays for the tab: a reload still shows the data.
    expect(page.url()).not.toContain('token');
    await page.reload();
    await expect.poll(() => page.locator('#measures tbody tr', { hasText: 'load products' }).count()).toBe(1);
    await page.close();
  });

  it('asks for the read token instead of showing data without one', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.origin}/dashboard/?site=demo`);
    await page.locator('#auth').waitFor({ state: 'visible' });
    expect(await page.locator('#measures tbody tr', { hasText: 'load products' }).count()).toBe(0);
    await page.fill('#token', collector.readToken ?? '');
    await page.click('#auth button');
    await expect.poll(() => page.locator('#measures tbody tr', { hasText: 'load products' }).count()).toBe(1);
    await page.close();
  });
});
