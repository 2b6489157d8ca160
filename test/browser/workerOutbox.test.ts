import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { outboxSize } from '../support/deliveryRig.js';
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

describe('the worker path, while the page stays open', () => {
  it('uploads from the worker through its IndexedDB outbox, which empties once acknowledged (ESM build)', async () => {
    const page = await browser.newPage();
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));
    await page.goto(`${collector.origin}/demo/esm.html`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.textContent('#status')).toMatch(/^pageprof \d+\.\d+\.\d+/);
    // The worker starts when it has work, not during the page's load.
    expect(workers).toEqual([]);

    await page.evaluate(() => (window as unknown as { demoPerf: { flush(): Promise<void> } }).demoPerf.flush());
    expect(workers.some((url) => url.startsWith('blob:'))).toBe(true);
    const rows = await eventually(
      async () => (await apiEvents(collector, { release: 'demo-esm' })).filter((event) => event.type === 'mark' || event.type === 'measure'),
      (found) => found.length === 2,
    );
    expect(rows.map((row) => row.name).sort()).toEqual(['esm work', 'esm-start']);
    expect(rows.find((row) => row.name === 'esm work')?.duration).toBeGreaterThanOrEqual(25);
    await expect.poll(() => outboxSize(page)).toBe(0);
    await page.close();
  });
});
