import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OUTBOX_BATCHES } from '../../src/worker/outbox.js';
import { chromiumArgs, chromiumPath } from '../support/chromium.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { outboxSize } from '../support/deliveryRig.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { countByName, delivery } from '../support/queryApi.js';
import { backOnline, markInPage, names, offlinePageView, once, quiet, serveTestPage } from '../support/testPage.js';

let collector: CollectorProcess;
let proxy: FaultProxy;
let context: BrowserContext;
let pageUrl: string;
const runDir = mkdtempSync(join(tmpdir(), 'pageprof-offline-'));

/**
 * A persistent profile, so the IndexedDB outbox survives a browser restart. IndexedDB's origin
 * includes the port: the proxy (the site's origin) stays up, on one port, across restarts.
 */
const launch = () =>
  chromium.launchPersistentContext(join(runDir, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumArgs,
    env: { ...process.env, TMPDIR: runDir },
  });

beforeAll(async () => {
  [context, collector] = await Promise.all([launch(), startCollector()]);
  proxy = await startFaultProxy(collector.origin);
  pageUrl = serveTestPage(proxy, '/offline.html');
});
afterAll(async () => {
  await context?.close();
  await proxy?.close();
  await collector?.stop();
  rmSync(runDir, { recursive: true, force: true });
});

describe('offline and the outbox bound', () => {
  it('offline for a whole page view, next visit online: every event arrives once', async () => {
    const sent = await offlinePageView(context, proxy, pageUrl, 'offline');
    await backOnline(context, proxy);
    const next = await context.newPage();
    await next.goto(pageUrl);
    const expected = once(sent);
    await eventually(
      () => countByName(collector, 'offline-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'offline-')).toEqual(expected);
    await expect.poll(() => outboxSize(next)).toBe(0);
    await next.close();
  });

  it('outbox bound reached while offline, browser restarted: the oldest dropped, the drop count arrives', async () => {
    const extra = 5;
    const page = await context.newPage();
    await page.goto(pageUrl);
    await context.setOffline(true);
    // One batch per flush.
    const sent = names('bound', MAX_OUTBOX_BATCHES + extra);
    for (const name of sent) await markInPage(page, [name]);
    const largest = await outboxSize(page);
    console.log(`largest outbox reached: ${largest} batches`);
    expect(largest).toBe(MAX_OUTBOX_BATCHES);

    // Closing the browser with the page open delivers nothing (browser-notes); the outbox stays on disk.
    await context.close();
    context = await launch();
    const next = await context.newPage();
    await next.goto(pageUrl);

    const kept = sent.slice(extra);
    await eventually(
      () => countByName(collector, 'bound-'),
      (found) => Object.keys(found).length === kept.length,
      30_000,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'bound-')).toEqual(once(kept));
    expect((await delivery(collector)).dropped).toBe(extra);
    await next.close();
  });
});
