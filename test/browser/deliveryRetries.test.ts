import type { BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startCollector } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { MAX_BATCH_FAILURES } from '../../src/worker/outbox.js';
import { countByName, delivery } from '../support/queryApi.js';
import { markInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

let rig: DeliveryRig;
let context: BrowserContext;
let pageUrl: string;

beforeAll(async () => {
  rig = await startDeliveryRig();
  pageUrl = serveTestPage(rig.proxy, '/retries.html');
});
afterAll(() => rig?.close());
// A fresh context per test: its own IndexedDB outbox and localStorage.
beforeEach(async () => {
  context = await rig.browser.newContext();
  rig.proxy.inject([]);
});
afterEach(async () => {
  rig.proxy.poison = () => false;
  await context.close();
});

/** How many batches the collector stored since `from`: the one batch of a test's page, once however often it was tried. */
const storedSince = async (from: number) => (await delivery(rig.collector, { from, to: Date.now() + 1 })).batches;

describe('retries against a failing collector', () => {
  it('connection dropped, 500, then 429 with Retry-After, then 200: every event stored once, Retry-After honoured', async () => {
    rig.proxy.inject(['down', 500, { status: 429, retryAfter: 1 }]);
    const first = rig.proxy.seen.length;
    const since = Date.now();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const sent = names('retry', 5);
    await markInPage(page, sent);

    const counts = await eventually(
      () => countByName(rig.collector, 'retry-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(rig.proxy);
    expect(await countByName(rig.collector, 'retry-')).toEqual(once(sent));
    expect(counts).toEqual(once(sent));

    const tries = rig.proxy.seen.slice(first);
    expect(new Set(tries.map((seen) => seen.id)).size).toBe(1);
    expect(tries.map((seen) => seen.fault)).toEqual(['down', 500, { status: 429, retryAfter: 1 }, 'pass']);
    expect((tries[3]?.at ?? 0) - (tries[2]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(tries.every((seen) => seen.gzip)).toBe(true);
    expect(await storedSince(since)).toBe(1);
  });

  it('a response lost after the collector stored the batch: the retry is acknowledged, not counted twice', async () => {
    rig.proxy.inject(['lose-response']);
    const first = rig.proxy.seen.length;
    const since = Date.now();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const sent = names('lost', 4);
    await markInPage(page, sent);

    await eventually(
      () => rig.proxy.seen.slice(first),
      (seen) => seen.length >= 2,
    );
    await quiet(rig.proxy);
    const tries = rig.proxy.seen.slice(first);
    expect(tries.map((seen) => seen.fault)).toEqual(['lose-response', 'pass']);
    expect(tries[1]?.id).toBe(tries[0]?.id);
    expect(await storedSince(since)).toBe(1);
    expect(await countByName(rig.collector, 'lost-')).toEqual(once(sent));
  });

  it('collector stopped during a session, restarted later: everything arrives once after a new visit', async () => {
    await rig.collector.stop();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const before = names('down-before', 3);
    await markInPage(page, before);
    // Events still on the page at exit go out as exit beacons, which fail too.
    await markInPage(page, ['down-exit'], false);
    await page.close();

    rig.collector = await startCollector({ dbFile: rig.collector.dbFile });
    rig.proxy.setUpstream(rig.collector.origin);
    // Restarted on the same database, before any page is open again: nothing arrived meanwhile.
    expect(await countByName(rig.collector, 'down-')).toEqual({});
    const next = await context.newPage();
    await next.goto(pageUrl);
    const after = names('down-after', 2);
    await markInPage(next, after);

    const expected = once([...before, 'down-exit', ...after]);
    await eventually(
      () => countByName(rig.collector, 'down-'),
      (found) => Object.keys(found).length === Object.keys(expected).length,
    );
    await quiet(rig.proxy);
    expect(await countByName(rig.collector, 'down-')).toEqual(expected);
  });

  it('a batch the collector always fails (500) holds up none behind it, and is dropped and counted once it failed while others were stored', async () => {
    rig.proxy.poison = (eventNames) => eventNames.includes('poison');
    const first = rig.proxy.seen.length;
    const page = await context.newPage();
    await page.goto(pageUrl);
    await markInPage(page, ['poison']);
    // One batch behind it at a time, each stored before the next is cut: one pass of the outbox each.
    const behind = names('behind-poison', MAX_BATCH_FAILURES + 3);
    for (const name of behind) {
      await markInPage(page, [name]);
      await eventually(
        () => countByName(rig.collector, name),
        (found) => found[name] === 1,
      );
    }
    await quiet(rig.proxy);
    expect(await countByName(rig.collector, 'behind-poison-')).toEqual(once(behind));
    const seen = rig.proxy.seen.slice(first);
    expect(seen.filter((beacon) => beacon.names.includes('poison')).length).toBeGreaterThanOrEqual(MAX_BATCH_FAILURES);
    // Reported once, in a stored batch written after the drop.
    const reported = new Map(seen.filter((beacon) => beacon.fault === 'pass').map((beacon) => [beacon.id, beacon.dropped ?? 0]));
    expect([...reported.values()].reduce((sum, dropped) => sum + dropped, 0)).toBe(1);
  });
});
