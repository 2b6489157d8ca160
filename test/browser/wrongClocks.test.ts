import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath, launchChromium } from '../support/chromium.js';
import { startCollector } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { outboxSize, startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { clockOffBy, libfaketime } from '../support/fakeClock.js';
import { measureCounts, viewsIn, type TimeRange } from '../support/queryApi.js';
import { measureInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
let rig: DeliveryRig;
let pageUrl: string;
const runDir = mkdtempSync(join(tmpdir(), 'pageprof-clocks-'));

beforeAll(async () => {
  rig = await startDeliveryRig();
  pageUrl = serveTestPage(rig.proxy, '/clocks.html');
});
afterAll(async () => {
  await rig?.close();
  rmSync(runDir, { recursive: true, force: true });
});

/** One true minute either side of a stretch of the test's own (true) time. */
const around = (from: number, to = Date.now()): TimeRange => ({ from: from - MINUTE, to: to + MINUTE });

/**
 * A page view in `context` that measures `prefix-flushed-*` (uploaded by the worker) and
 * `prefix-exit-*` (beaconed by the page as it leaves), each from its time origin.
 */
async function measuredPageView(context: BrowserContext | Browser, prefix: string): Promise<string[]> {
  const page = await context.newPage();
  await page.goto(pageUrl);
  const flushed = names(`${prefix}-flushed`, 3);
  await measureInPage(page, flushed);
  const atExit = names(`${prefix}-exit`, 2);
  await measureInPage(page, atExit, false);
  await page.goto('about:blank');
  await page.close();
  return [...flushed, ...atExit];
}

describe("a page's wrong clock: its events are stored at the time they happened", () => {
  it('a page whose Date.now is a year off (as an app of a public benchmark has it)', async () => {
    const context = await rig.browser.newContext();
    await context.addInitScript(() => {
      const trueNow = Date.now;
      Date.now = () => trueNow() - 365 * 86_400_000;
    });
    const started = Date.now();
    const sent = await measuredPageView(context, 'date-now');
    await eventually(
      () => measureCounts(rig.collector, 'date-now-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(rig.proxy);
    expect(await measureCounts(rig.collector, 'date-now-', around(started))).toEqual(once(sent));
    await context.close();
  });

  it.skipIf(!libfaketime)('a device whose clock is two days ahead', async () => {
    const ahead = await launchChromium({ env: clockOffBy(2 * DAY) });
    const started = Date.now();
    const sent = await measuredPageView(ahead, 'ahead');
    await eventually(
      () => measureCounts(rig.collector, 'ahead-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(rig.proxy);
    expect(await measureCounts(rig.collector, 'ahead-', around(started))).toEqual(once(sent));
    expect((await viewsIn(rig.collector, around(started))).length).toBeGreaterThan(0);
    await ahead.close();
  });

  it.skipIf(!libfaketime)('a batch sent 24 h after it was cut: kept in the outbox while the collector was unreachable', async () => {
    // A persistent profile keeps the outbox across the browser's restart; the proxy (the site's
    // origin) stays on its port, as IndexedDB's origin includes it.
    const launch = (env?: NodeJS.ProcessEnv) =>
      chromium.launchPersistentContext(join(runDir, 'profile'), {
        executablePath: chromiumPath,
        headless: true,
        args: chromiumArgs,
        env: { ...(env ?? process.env), TMPDIR: runDir },
      });
    rig.proxy.inject([], 'down');
    let context = await launch();
    const page = await context.newPage();
    await page.goto(pageUrl);
    const cut = Date.now();
    const sent = names('late', 3);
    await measureInPage(page, sent);
    expect(await outboxSize(page)).toBe(1);
    // Closing the browser with the page open sends nothing (browser-notes): the batch waits on disk.
    await context.close();
    const closed = Date.now();

    // A day later, on the device and at the collector alike.
    await rig.collector.stop();
    rig.collector = await startCollector({ dbFile: rig.collector.dbFile, env: clockOffBy(DAY) });
    rig.proxy.setUpstream(rig.collector.origin);
    rig.proxy.inject([]);
    context = await launch(clockOffBy(DAY));
    const next = await context.newPage();
    await next.goto(pageUrl);
    await eventually(
      () => measureCounts(rig.collector, 'late-'),
      (found) => Object.keys(found).length === sent.length,
      20_000,
    );
    await quiet(rig.proxy);
    expect(await measureCounts(rig.collector, 'late-', around(cut, closed))).toEqual(once(sent));
    await context.close();
  });
});
