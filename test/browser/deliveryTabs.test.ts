import type { Browser, BrowserContext } from 'playwright-core';
import type { Beacon } from '../../src/protocol/beacon.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { apiEvents, countByName, namesCounted } from '../support/queryApi.js';
import { markInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

let browser: Browser;
let collector: CollectorProcess;
let proxy: FaultProxy;
let rig: DeliveryRig;
let context: BrowserContext;
let pageUrl: string;

beforeAll(async () => {
  rig = await startDeliveryRig();
  ({ browser, collector, proxy } = rig);
  pageUrl = serveTestPage(proxy, '/tabs.html');
});
afterAll(() => rig?.close());
beforeEach(async () => {
  context = await browser.newContext();
  proxy.latency = 0;
});
afterEach(() => context.close());

describe('tabs', () => {
  it('a tab closed during a session: its page-exit beacon arrives, each event once', async () => {
    const first = proxy.seen.length;
    const page = await context.newPage();
    await page.goto(pageUrl);
    const sent = names('closed', 6);
    // Not flushed: the events wait on the page for their batch when the tab closes.
    await markInPage(page, sent, false);
    await page.close();

    await eventually(
      () => countByName(collector, 'closed-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'closed-')).toEqual(once(sent));
    // `sendBeacon` of text is a no-cors request; the worker's uploads are cors fetches.
    const beacons = proxy.seen.slice(first).filter((seen) => seen.mode === 'no-cors');
    expect(beacons.map((seen) => seen.events)).toEqual([sent.length]);
  });

  it('an event recorded by a later hidden listener (as web-vitals reports INP and CLS) leaves with the exit beacon', async () => {
    const page = await context.newPage();
    await page.goto(pageUrl);
    await page.evaluate(() => {
      const perf = (window as unknown as { perf: { mark(name: string): void } }).perf;
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'hidden') perf.mark('late-hidden');
      });
      addEventListener('pagehide', () => perf.mark('late-pagehide'));
    });
    await markInPage(page, ['late-before'], false);
    await page.close();

    const expected = once(['late-before', 'late-pagehide', 'late-hidden']);
    await eventually(
      () => countByName(collector, 'late-'),
      (found) => Object.keys(found).length === 3,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'late-')).toEqual(expected);
  });

  it.each([
    ['left at once: the exit beacon carries the batch', false],
    ['left after its batch was cut: the worker uploads it', true],
  ])('a demo page view %s; bytes on the wire, each event once', async (how, flushFirst) => {
    const first = proxy.seen.length;
    const earlier = new Set((await apiEvents(collector)).map((event) => event.viewId));
    const page = await context.newPage();
    await page.goto(`${proxy.origin}/demo/`);
    await page.waitForSelector('body[data-ready="true"]');
    // `perf.flush()` does what the batcher does on its own 5 s after the first event.
    if (flushFirst) await page.evaluate(() => (window as unknown as { perf: { flush(): Promise<void> } }).perf.flush());
    await page.click('#next');
    await page.waitForURL('**/about.html');
    // The marks and measures of this demo page view (the one of the new views that marked app-ready), by name.
    const viewEvents = async () => {
      const events = (await apiEvents(collector)).filter((event) => !earlier.has(event.viewId));
      const view = events.find((event) => event.name === 'app-ready')?.viewId;
      return namesCounted(events.filter((event) => event.viewId === view && (event.type === 'mark' || event.type === 'measure')));
    };
    await eventually(viewEvents, (counts) => Object.keys(counts).length === 6);
    await quiet(proxy);
    const expected = once(['app-start', 'load-products-start', 'load products', 'render-start', 'render list', 'app-ready']);
    expect(await viewEvents()).toEqual(expected);

    const posts = proxy.seen.slice(first);
    const total = (key: 'bytes' | 'jsonBytes' | 'headerBytes') => posts.reduce((sum, seen) => sum + seen[key], 0);
    console.log(
      `demo page view ${how}: ${total('bytes')} B of bodies on the wire (${total('jsonBytes')} B as JSON) + ${total('headerBytes')} B of request headers in ` +
        posts.map((seen) => `${seen.mode} ${seen.gzip ? 'gzip' : 'json'} ${seen.bytes} B`).join(', '),
    );
    // Every upload is gzip: the worker's, and the exit beacons, gzipped as the page leaves.
    expect(posts.every((seen) => seen.gzip)).toBe(true);
    await page.close();
  });

  it('profiled page views left by a link: each sends one request from the page, carrying its events and its windows; the one ended as it left joins it when it is back in time', async () => {
    const path = '/demo/scenarios/profiling.html';
    const views: { modes: string[]; windows: string[] }[] = [];
    for (let view = 0; view < 5; view++) {
      const first = proxy.seen.length;
      const page = await context.newPage();
      await page.goto(proxy.origin + path);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#report');
      await page.waitForSelector('body[data-report="1"]');
      // The window holding the slow click ends 200 ms after it (startProfiling.ts): the view's batch has it.
      await page.waitForTimeout(600);
      await Promise.all([page.waitForURL('**/about.html'), page.click('#leave')]);
      const ofThisView = () => proxy.seen.slice(first).filter((seen) => (JSON.parse(seen.json) as Beacon).view.url.endsWith(path));
      await eventually(ofThisView, (posts) => posts.length > 0);
      await quiet(proxy);
      const posts = ofThisView();
      const events = posts.flatMap((seen) => (JSON.parse(seen.json) as Beacon).events);
      views.push({ modes: posts.map((seen) => seen.mode ?? ''), windows: events.filter((event) => event.type === 'profile').map((event) => event.name) });
      await page.close();
    }
    console.log(`profiled views left by a link: ${views.map(({ windows }) => windows.join('+')).join(', ')}`);
    for (const { modes, windows } of views) {
      expect(modes).toEqual(['no-cors']);
      expect(windows).toContain('settled');
      // The window ended as the page left is last whenever it came back before the old document went.
      expect(windows.indexOf('leaving')).toBeOneOf([-1, windows.length - 1]);
    }
    // It does come back in time (8 of 12 link navigations here): joining that one request works.
    expect(views.filter(({ windows }) => windows.includes('leaving')).length).toBeGreaterThan(0);
  }, 90_000);

  it("the next page view asks which of the last one's stashed batches the collector has, and sends none of them again", async () => {
    const first = proxy.seen.length;
    const asked = proxy.asked.length;
    const page = await context.newPage();
    await page.goto(pageUrl);
    const sent = names('next-view', 4);
    await markInPage(page, sent, false);
    // A new page view in the same tab: the first leaves by its exit request, and its stash.
    await page.goto(pageUrl);
    // The stash is taken once the worker is up, an idle moment 5 s after the script ran.
    await eventually(
      async () => proxy.asked.length,
      (count) => count > asked,
      20_000,
    );
    await quiet(proxy);
    const carrying = proxy.seen.slice(first).filter((seen) => seen.names.some((name) => name.startsWith('next-view-')));
    expect(carrying.map((seen) => seen.mode)).toEqual(['no-cors']);
    expect(proxy.asked.slice(asked).flat()).toContain(carrying[0]?.id);
    expect(await countByName(collector, 'next-view-')).toEqual(once(sent));
    await page.close();
  });

  it('two tabs of the same site: no batch uploaded twice', async () => {
    // Slow answers widen the window in which both tabs' workers would see the same outbox.
    proxy.latency = 150;
    const first = proxy.seen.length;
    const [a, b] = await Promise.all([context.newPage(), context.newPage()]);
    await Promise.all([a.goto(pageUrl), b.goto(pageUrl)]);
    const sent: string[] = [];
    for (let round = 0; round < 4; round++) {
      const fromA = names(`tabs-a${round}`, 3);
      const fromB = names(`tabs-b${round}`, 3);
      sent.push(...fromA, ...fromB);
      await Promise.all([markInPage(a, fromA), markInPage(b, fromB)]);
    }
    await eventually(
      () => countByName(collector, 'tabs-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    const uploads = proxy.seen.slice(first).map((seen) => seen.id);
    expect(uploads).toHaveLength(8);
    expect(new Set(uploads).size).toBe(uploads.length);

    // Each page heard of the other tab's acknowledgements, so neither beacons a copy at exit.
    await Promise.all([a.close(), b.close()]);
    await quiet(proxy);
    expect(proxy.seen.slice(first)).toHaveLength(8);
    expect(await countByName(collector, 'tabs-')).toEqual(once(sent));
  });
});
