import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { eventually } from '../support/eventually.js';
import { apiEvents } from '../support/queryApi.js';
import { serveTestPage, site } from '../support/testPage.js';
import { projectRoot, startCollector } from '../support/collectorProcess.js';

let rig: DeliveryRig;
beforeAll(async () => {
  rig = await startDeliveryRig();
});
afterAll(() => rig?.close());

describe('Server-Timing', () => {
  it("stores the Server-Timing of the page's own API calls among the slowest resources, as the browser's entries give it", async () => {
    // The test proxy serves files by their whole path, query included.
    rig.proxy.files.set('/api/products.json?id=7', {
      type: 'application/json',
      body: '[]',
      headers: { 'server-timing': 'db;dur=21.5;desc="products", cache;desc=miss, traceparent;desc="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"' },
    });
    const url = serveTestPage(rig.proxy, '/server-timing-api.html', { metrics: true });
    const page = await rig.browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const seen = await page.evaluate(async () => {
      const response = await fetch('/api/products.json?id=7');
      await response.text();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const entry = performance.getEntriesByType('resource').find((resource) => resource.name.includes('/api/products.json')) as PerformanceResourceTiming;
      return entry.serverTiming.map(({ name, duration, description }) => ({ name, duration, ...(description ? { desc: description } : {}) }));
    });
    expect(seen.map((entry) => entry.name)).toEqual(['db', 'cache', 'traceparent']);
    await page.close();

    const resources = await eventually(
      async () =>
        (await apiEvents(rig.collector)).filter((event) => event.type === 'resources' && JSON.stringify(event.fields.slowest).includes('/api/products.json')),
      (found) => found.length > 0,
    );
    const slowest = resources[0]?.fields.slowest as { url: string; serverTiming?: unknown }[];
    const api = slowest.find((resource) => resource.url.includes('/api/products.json'));
    // The query string is stripped, as from every URL the SDK sends.
    expect(api?.url).toBe(`${rig.proxy.origin}/api/products.json`);
    expect(api?.serverTiming).toEqual(seen.map((entry) => ({ ...entry, duration: Math.round(entry.duration * 10) / 10 })));
    // The page's own scripts carry no Server-Timing: nothing is made up for them.
    expect(slowest.filter((resource) => resource.serverTiming !== undefined).map((resource) => resource.url)).toEqual([api?.url]);
  });

  it("constructs no Profiler, and so logs no Document-Policy error, where pageprof/server's Server-Timing says the document has no js-profiling", async () => {
    // A profiled session's worker loads the profiler's script beside the bundle.
    rig.proxy.files.set('/pageprof-profiler.js', { type: 'text/javascript', body: readFileSync(join(projectRoot, 'dist/pageprof-profiler.js')) });
    // And Chromium asks for a favicon, whose 404 would be a console error of its own.
    rig.proxy.files.set('/favicon.ico', { type: 'image/x-icon', body: '' });
    const consoleErrors = async (headers: Record<string, string>) => {
      const url = serveTestPage(rig.proxy, `/profiling-${Object.keys(headers).length}.html`, { attributes: 'data-profile-rate="1"', headers, metrics: true });
      const page = await rig.browser.newPage();
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url, { waitUntil: 'load' });
      await page.waitForFunction(() => typeof (window as unknown as { perf: { version?: string } }).perf.version === 'string');
      await page.waitForTimeout(200);
      await page.close();
      return errors;
    };
    // Without the announcement the SDK must try, and this Chromium says why it refused: the case is real.
    expect(await consoleErrors({})).toEqual([expect.stringContaining('Document policy violation: js-profiling')]);
    expect(await consoleErrors({ 'server-timing': 'js-profiling;desc=off' })).toEqual([]);
  });

  // Last: it restarts the collector with a config of its own.
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
    // Sent while the page is open: what is tested here is what is stored, not the exit beacon
    // (the delivery tests' own), which one clean-clone CI run lost here.
    await page.evaluate(() => (window as unknown as { perf: { flush(): Promise<void> } }).perf.flush());
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
