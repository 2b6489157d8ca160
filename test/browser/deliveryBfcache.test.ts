import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { apiEvents } from '../support/queryApi.js';
import { markInPage, quiet, serveTestPage } from '../support/testPage.js';

let browser: Browser;
let collector: CollectorProcess;
let proxy: FaultProxy;
let rig: DeliveryRig;

beforeAll(async () => {
  // Playwright turns the back/forward cache off by default (browser-notes).
  rig = await startDeliveryRig({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  ({ browser, collector, proxy } = rig);
});
afterAll(() => rig?.close());

describe('back/forward cache', () => {
  it('a restored page is a new page view and keeps collecting; each event once', async () => {
    const url = serveTestPage(proxy, '/bfcache.html');
    proxy.files.set('/elsewhere.html', { type: 'text/html', body: '<!doctype html><p>elsewhere</p>' });
    const page = await browser.newPage();
    await page.goto(url);
    await markInPage(page, ['bfcache-before'], false);
    await page.evaluate(() => addEventListener('pageshow', (event) => ((window as unknown as { restored: boolean }).restored = event.persisted)));
    await page.goto(`${proxy.origin}/elsewhere.html`);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => (window as unknown as { restored?: boolean }).restored === true);
    await markInPage(page, ['bfcache-after']);

    const marks = async () => (await apiEvents(collector)).filter((event) => event.name.startsWith('bfcache-')).sort((a, b) => a.name.localeCompare(b.name));
    const rows = await eventually(marks, (found) => found.length >= 2);
    await quiet(proxy);
    expect(await marks()).toHaveLength(2);
    expect(rows.map((row) => row.name)).toEqual(['bfcache-after', 'bfcache-before']);
    expect(rows[0]?.viewId).not.toBe(rows[1]?.viewId);
    await page.close();
  });
});
