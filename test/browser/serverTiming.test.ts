import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { eventually } from '../support/eventually.js';
import { apiEvents } from '../support/queryApi.js';
import { serveTestPage, site } from '../support/testPage.js';
import { startCollector } from '../support/collectorProcess.js';

let rig: DeliveryRig;
beforeAll(async () => {
  rig = await startDeliveryRig();
});
afterAll(() => rig?.close());

describe('Server-Timing', () => {
  it("stores the backend's breakdown of the navigation and its traceparent as the page's server sent them, and the page view's timeline links the trace", async () => {
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
    const seen = await page.evaluate(() =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).serverTiming.map(({ name, duration, description }) => ({
        name,
        duration,
        description,
      })),
    );
    expect(seen.map((entry) => entry.name)).toEqual(['db', 'app', 'traceparent']);
    await page.waitForTimeout(300);
    await page.close();

    const navigation = await eventually(
      async () =>
        (await apiEvents(rig.collector)).find((event) => event.type === 'navigation' && JSON.stringify(event.fields.serverTiming ?? '').includes(traceId)),
      (found) => found !== undefined,
    );
    expect(navigation?.fields.serverTiming).toEqual([
      { name: 'db', duration: 53.3 },
      { name: 'app', duration: 47, desc: 'render' },
      { name: 'traceparent', duration: 0, desc: traceparent },
    ]);
    expect(errors).toEqual([]);

    // The same data under a config with the site's traceUrl: the page view's timeline links the trace.
    const readToken = 'demo-read-token-of-at-least-32-characters';
    const config = join(mkdtempSync(join(tmpdir(), 'pageprof-trace-')), 'sites.json');
    writeFileSync(
      config,
      JSON.stringify({ sites: [{ id: site.id, writeKey: site.key, readToken, origins: ['*'], traceUrl: 'https://tempo.example/trace/{traceId}' }] }),
    );
    await rig.collector.stop();
    rig.collector = await startCollector({ dbFile: rig.collector.dbFile, args: ['--config', config] });
    const dashboard = await rig.browser.newPage();
    await dashboard.goto(`${rig.collector.origin}/dashboard/?site=demo&tab=view&view=${navigation?.viewId}#token=${readToken}`);
    const link = dashboard.locator('#timeline a.bar[data-kind="server"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`https://tempo.example/trace/${traceId}`);
    await link.focus();
    await expect.poll(() => dashboard.locator('.timeline-tip').textContent()).toMatch(new RegExp(`db 53 ms.*app 47 ms · render.*trace ${traceId}`));
    await dashboard.close();
  });
});
