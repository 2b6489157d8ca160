import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { eventually } from '../support/eventually.js';
import { apiEvents } from '../support/queryApi.js';
import { serveTestPage } from '../support/testPage.js';

let rig: DeliveryRig;
beforeAll(async () => {
  rig = await startDeliveryRig();
});
afterAll(() => rig?.close());

describe('Server-Timing', () => {
  it("stores the backend's breakdown of the navigation and its traceparent, as the page's server sent them", async () => {
    const traceId = randomBytes(16).toString('hex');
    const traceparent = `00-${traceId}-b7ad6b7169203331-01`;
    const url = serveTestPage(rig.proxy, '/server-timing.html', {
      metrics: true,
      headers: { 'server-timing': `db;dur=53.25, app;dur=47;desc="render", traceparent;desc="${traceparent}"` },
    });
    const page = await rig.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url, { waitUntil: 'load' });
    // What the browser itself gives the page, to compare with what was stored.
    const seen = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).serverTiming.map(({ name, duration, description }) => ({ name, duration, description })));
    expect(seen.map((entry) => entry.name)).toEqual(['db', 'app', 'traceparent']);
    await page.waitForTimeout(300);
    await page.close();

    const navigation = await eventually(
      async () => (await apiEvents(rig.collector)).find((event) => event.type === 'navigation' && JSON.stringify(event.fields.serverTiming ?? '').includes(traceId)),
      (found) => found !== undefined,
    );
    expect(navigation?.fields.serverTiming).toEqual([
      { name: 'db', duration: 53.3 },
      { name: 'app', duration: 47, desc: 'render' },
      { name: 'traceparent', duration: 0, desc: traceparent },
    ]);
    expect(errors).toEqual([]);
  });
});
