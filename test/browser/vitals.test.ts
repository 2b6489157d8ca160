import { describe, expect, it } from 'vitest';
import { browserAndCollector } from '../support/browserAndCollector.js';
import type { ViewDetail } from '../../src/protocol/queryApi.js';
import { eventually } from '../support/eventually.js';
import { pageEntries } from '../support/pageEntries.js';
import { apiEvents, queryApi, type ApiEvent } from '../support/queryApi.js';

const shared = browserAndCollector();

const one = (events: ApiEvent[], type: string, name?: string) => events.filter((event) => event.type === type && (name === undefined || event.name === name));

describe('staged slowness → collector', () => {
  it("reports the staged LCP, layout shift, long task and slow click, agreeing with the browser's own entries", async () => {
    const page = await shared.browser.newPage();
    await page.goto(`${shared.collector.origin}/demo/scenarios/vitals.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#slow-button');
    // Past web-vitals' idle wait (browser-notes): this test is about values, not the exit race.
    await page.waitForTimeout(1200);
    const own = await pageEntries(page);
    await page.close();

    const events = await eventually(
      () => apiEvents(shared.collector),
      (found) => ['LCP', 'CLS', 'INP', 'FCP', 'TTFB'].every((name) => one(found, 'vital', name).length > 0) && one(found, 'resources').length > 0,
    );
    const viewId = events[0]?.viewId;
    expect(events.every((event) => event.viewId === viewId)).toBe(true);
    const scriptUrl = `${shared.collector.origin}/demo/scenarios/vitals.js`;

    // INP: the 300 ms click, attributed to its handler's function and script.
    const clicks = own.event.filter((entry) => entry.interactionId > 0);
    const slowest = Math.max(...clicks.map((entry) => entry.duration));
    const [inp] = one(events, 'vital', 'INP');
    expect(inp?.value).toBeGreaterThanOrEqual(300);
    expect(inp?.value).toBe(slowest);
    expect(inp?.fields.rating).toBe((inp?.value ?? 0) > 500 ? 'poor' : 'needs-improvement');
    const inpAttribution = inp?.fields.attribution as Record<string, unknown>;
    expect(inpAttribution.interactionTarget).toBe('button#slow-button');
    expect(inpAttribution.interactionType).toBe('pointer');
    expect(inpAttribution.processingDuration).toBeGreaterThanOrEqual(300);
    expect(inpAttribution.scripts).toContainEqual(expect.objectContaining({ fn: 'recalculatePrices', url: scriptUrl, invoker: 'BUTTON#slow-button.onclick' }));
    // The interaction's phases span all its entries (pointerdown … click), as web-vitals counts them.
    const processing = Math.max(...clicks.map((entry) => entry.processingEnd)) - Math.min(...clicks.map((entry) => entry.processingStart));
    expect(Math.abs((inpAttribution.processingDuration as number) - processing)).toBeLessThan(0.2);

    // The interaction itself, among the view's slowest.
    const [interaction] = one(events, 'interaction');
    expect(interaction).toMatchObject({ name: 'click', duration: slowest, fields: expect.objectContaining({ target: 'button#slow-button' }) });
    expect(interaction?.start).toBeCloseTo(Math.min(...clicks.map((entry) => entry.startTime)), 0);

    // LCP: the late hero image, element and URL.
    const lcps = own['largest-contentful-paint'];
    const lastLcp = lcps[lcps.length - 1];
    expect(lastLcp?.element).toBe('img#hero');
    const [lcp] = one(events, 'vital', 'LCP');
    expect(lcp?.fields.attribution).toMatchObject({ target: '#hero', url: `${shared.collector.origin}/demo/scenarios/hero.svg` });
    expect(Math.abs((lcp?.value ?? 0) - (lastLcp?.startTime ?? 0))).toBeLessThan(2);
    expect(lcp?.value).toBeGreaterThan(300);

    // CLS: the banner shifted the content; the browser's own shift and pageprof's agree.
    const shifts = own['layout-shift'].filter((entry) => !entry.hadRecentInput);
    const [cls] = one(events, 'vital', 'CLS');
    expect(cls?.value).toBeGreaterThan(0.05);
    expect(Math.abs((cls?.value ?? 0) - shifts.reduce((sum, entry) => sum + entry.value, 0))).toBeLessThan(0.001);
    const largest = shifts.reduce((a, b) => (b.value > a.value ? b : a));
    const clsAttribution = cls?.fields.attribution as Record<string, unknown>;
    expect(largest.sources[0]).toBe('main#content');
    expect(clsAttribution.largestShiftTarget).toBe('#content');
    expect(clsAttribution.largestShiftTime).toBeCloseTo(largest.startTime, 0);

    // The 200 ms task at load: as a long task and as a long animation frame naming its function.
    const ownTask = own.longtask.find((entry) => entry.duration >= 200);
    const task = one(events, 'longtask').find((event) => (event.duration ?? 0) >= 200);
    expect(task?.start).toBeCloseTo(ownTask?.startTime ?? -1, 0);
    expect(task?.duration).toBeCloseTo(ownTask?.duration ?? -1, 0);
    const frames = one(events, 'loaf');
    const loadFrame = frames.find((frame) => (frame.fields.scripts as { fn: string }[]).some((script) => script.fn === 'blockAtLoad'));
    expect(loadFrame?.duration).toBeGreaterThanOrEqual(200);
    expect(loadFrame?.name).toBe('TimerHandler:setTimeout');
    const ownFrame = own['long-animation-frame'].find((frame) => frame.scripts.some((script) => script.sourceFunctionName === 'blockAtLoad'));
    expect(loadFrame?.start).toBeCloseTo(ownFrame?.startTime ?? -1, 0);
    expect(loadFrame?.duration).toBeCloseTo(ownFrame?.duration ?? -1, 0);
    const clickFrame = frames.find((frame) => frame.name === 'BUTTON#slow-button.onclick');
    expect(clickFrame?.fields.scripts).toContainEqual(expect.objectContaining({ fn: 'recalculatePrices', url: scriptUrl, invokerType: 'event-listener' }));
    expect(clickFrame?.fields.blocking).toBeGreaterThan(200);

    // FCP, TTFB, navigation phases, resources, memory.
    const [navigation] = one(events, 'navigation');
    expect(navigation?.name).toBe('navigate');
    expect(navigation?.duration).toBeCloseTo(own.navigation[0]?.duration ?? -1, 0);
    expect(Object.keys(navigation?.fields.phases as object)).toEqual(expect.arrayContaining(['dns', 'connect', 'request', 'response', 'dom', 'load']));
    const [ttfb] = one(events, 'vital', 'TTFB');
    expect(ttfb?.value).toBeCloseTo(own.navigation[0]?.responseStart ?? -1, 0);
    expect(one(events, 'vital', 'FCP')[0]?.value).toBeGreaterThan(0);
    const resources = one(events, 'resources');
    const byType = Object.assign({}, ...resources.map((event) => event.fields.byType)) as Record<string, { count: number }>;
    expect(byType.img?.count).toBe(1);
    expect(byType.script?.count).toBeGreaterThanOrEqual(2);
    expect(resources.flatMap((event) => event.fields.slowest as { url: string }[]).map((entry) => entry.url)).toContain(
      `${shared.collector.origin}/demo/scenarios/hero.svg`,
    );
    expect(one(events, 'memory')[0]?.value).toBeGreaterThan(0);

    // The app's own performance.mark() (data-user-timing) and perf.mark(), each exactly once.
    expect(
      one(events, 'mark')
        .map((mark) => mark.name)
        .sort(),
    ).toEqual(['banner-shown', 'hero-requested']);

    // Every event on the page's one route; context of the view.
    expect(new Set(events.map((event) => event.route))).toEqual(new Set(['/demo/scenarios/vitals.html']));
    const { view } = await queryApi<ViewDetail>(shared.collector, `views/${viewId}`);
    expect(view.env).toBe('scenario');
    expect(view.context).toMatchObject({
      browser: 'Chrome',
      browserVersion: expect.stringMatching(/^\d+$/),
      deviceClass: 'desktop',
      cores: expect.any(Number),
      viewport: { width: 1280, height: 720 },
    });
  });

  it('still delivers INP with its attribution when the tab is closed 300 ms after a slow click', async () => {
    const before = new Set((await apiEvents(shared.collector)).map((event) => event.viewId));
    const page = await shared.browser.newPage();
    await page.goto(`${shared.collector.origin}/demo/scenarios/vitals.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#slow-button');
    // Real users close tabs this fast; web-vitals' INP, waiting for idle time, is lost here.
    await page.waitForTimeout(300);
    await page.close();

    const events = await eventually(
      async () => (await apiEvents(shared.collector)).filter((event) => !before.has(event.viewId)),
      (found) => one(found, 'vital', 'INP').length > 0 && one(found, 'interaction').length > 0,
    );
    const [inp] = one(events, 'vital', 'INP');
    expect(inp?.value).toBeGreaterThanOrEqual(300);
    expect(inp?.fields.attribution).toMatchObject({
      interactionTarget: 'button#slow-button',
      scripts: expect.arrayContaining([expect.objectContaining({ fn: 'recalculatePrices', invoker: 'BUTTON#slow-button.onclick' })]),
    });
    expect(one(events, 'interaction')[0]?.fields.target).toBe('button#slow-button');
  });

  it('reports INP, with its target, for a page whose one click is fast: only a first-input entry, no event entry', async () => {
    const url = `${shared.collector.origin}/demo/scenarios/vitals.html`;
    // Event Timing rounds to 8 ms and ends at the next frame: a no-op click lasts 8 or 16 ms, and
    // from 16 ms it has event entries too. Page views are opened until one's click is under 16 ms
    // (a loaded machine misses frames: a CI run had 8 of 8 at 16 ms).
    let from = 0;
    let firstInput = { duration: Infinity, interactionId: 0 };
    for (let attempt = 0; attempt < 24 && firstInput.duration >= 16; attempt++) {
      from = Date.now();
      const page = await shared.browser.newPage();
      await page.goto(url);
      await page.waitForSelector('body[data-ready="true"]');
      // Once the page's own work is done, so that nothing delays the click.
      await page.waitForTimeout(500);
      await page.click('#fast-button');
      const own = await pageEntries(page);
      firstInput = await page.evaluate(
        () =>
          new Promise<{ duration: number; interactionId: number }>((resolve) =>
            new PerformanceObserver((list) => resolve(list.getEntries()[0] as unknown as { duration: number; interactionId: number })).observe({
              type: 'first-input',
              buffered: true,
            }),
          ),
      );
      await page.close();
      if (firstInput.duration < 16) expect(own.event.filter((entry) => entry.interactionId > 0)).toEqual([]);
    }
    expect(firstInput.duration).toBeLessThan(16);

    const read = (route: string) =>
      fetch(`${shared.collector.origin}/v1/sites/demo/${route}?page=${encodeURIComponent(url)}&from=${from}`, {
        headers: { authorization: `Bearer ${shared.collector.readToken}` },
      }).then((response) => response.json() as Promise<Record<string, { name: string; count: number; p50: number; attribution?: { target?: string } }[]>>);
    const { vitals } = await eventually(
      () => read('vitals'),
      (answer) => (answer.vitals ?? []).some((vital) => vital.name === 'INP'),
    );
    expect(vitals?.find((vital) => vital.name === 'INP')).toMatchObject({ count: 1, p50: firstInput.duration });
    const { interactions } = await read('interactions');
    expect(interactions?.[0]).toMatchObject({
      name: 'pointerdown',
      duration: firstInput.duration,
      attribution: expect.objectContaining({ target: 'button#fast-button' }),
    });
  }, 120_000);
});
