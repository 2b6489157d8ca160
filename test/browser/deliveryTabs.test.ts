import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/database.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { countByName, markInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

let browser: Browser;
let collector: CollectorProcess;
let proxy: FaultProxy;
let context: BrowserContext;
let pageUrl: string;

beforeAll(async () => {
  [browser, collector] = await Promise.all([launchChromium(), startCollector()]);
  proxy = await startFaultProxy(collector.origin);
  pageUrl = serveTestPage(proxy, '/tabs.html');
});
afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await collector?.stop();
});
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

    await eventually(() => countByName(collector.dbFile, 'closed-'), (found) => Object.keys(found).length === sent.length);
    await quiet(proxy);
    expect(countByName(collector.dbFile, 'closed-')).toEqual(once(sent));
    // `sendBeacon` of text is a no-cors request; the worker's uploads are cors fetches.
    const beacons = proxy.seen.slice(first).filter((seen) => seen.mode === 'no-cors');
    expect(beacons.map((seen) => seen.events)).toEqual([sent.length]);
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
    await eventually(() => countByName(collector.dbFile, 'tabs-'), (found) => Object.keys(found).length === sent.length);
    await quiet(proxy);
    const uploads = proxy.seen.slice(first).map((seen) => seen.id);
    expect(uploads).toHaveLength(8);
    expect(new Set(uploads).size).toBe(uploads.length);

    // Each page heard of the other tab's acknowledgements, so neither beacons a copy at exit.
    await Promise.all([a.close(), b.close()]);
    await quiet(proxy);
    expect(proxy.seen.slice(first)).toHaveLength(8);
    expect(countByName(collector.dbFile, 'tabs-')).toEqual(once(sent));
  });
});
