import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import type { FaultProxy } from '../support/faultProxy.js';
import { countByName } from '../support/queryApi.js';
import { backOnline, markInPage, names, offlinePageView, once, quiet, serveTestPage } from '../support/testPage.js';

let browser: Browser;
let collector: CollectorProcess;
let proxy: FaultProxy;
let rig: DeliveryRig;

beforeAll(async () => {
  rig = await startDeliveryRig();
  ({ browser, collector, proxy } = rig);
});
afterAll(() => rig?.close());

const strictCsp = { 'content-security-policy': "worker-src 'self'" };

/** Opens `url`, recording the workers that started and any error that reached the page. */
async function open(url: string): Promise<{ page: Page; workers: string[]; errors: string[] }> {
  const page = await browser.newPage();
  const workers: string[] = [];
  const errors: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(url);
  return { page, workers, errors };
}

describe("worker start: a CSP with worker-src 'self', workerUrl, and the fallbacks", () => {
  it('with workerUrl: the same-origin worker file starts and delivers (gzip), and no blob: worker is tried', async () => {
    const url = serveTestPage(proxy, '/csp-worker-url.html', { headers: strictCsp, attributes: 'data-worker-url="/pageprof-worker.js"' });
    const first = proxy.seen.length;
    const { page, workers, errors } = await open(url);
    const sent = names('csp-url', 4);
    await markInPage(page, sent);

    await eventually(
      () => countByName(collector, 'csp-url-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'csp-url-')).toEqual(once(sent));
    expect(workers).toEqual([`${proxy.origin}/pageprof-worker.js`]);
    // Only the worker compresses: this proves the upload came from the worker file.
    expect(proxy.seen.slice(first).map((seen) => seen.gzip)).toEqual([true]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without workerUrl: the main thread delivers', async () => {
    const url = serveTestPage(proxy, '/csp-main-thread.html', { headers: strictCsp });
    const first = proxy.seen.length;
    const { page, errors } = await open(url);
    const sent = names('csp-main', 4);
    await markInPage(page, sent);

    await eventually(
      () => countByName(collector, 'csp-main-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'csp-main-')).toEqual(once(sent));
    expect(proxy.seen.slice(first).map((seen) => [seen.gzip, seen.mode])).toEqual([[false, 'cors']]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without workerUrl: the main thread waits as long as a 429 Retry-After asks, then delivers once', async () => {
    const url = serveTestPage(proxy, '/csp-main-retry.html', { headers: strictCsp });
    proxy.inject([{ status: 429, retryAfter: 3 }]);
    const first = proxy.seen.length;
    const { page, errors } = await open(url);
    const sent = names('csp-retry', 3);
    await markInPage(page, sent);

    await eventually(
      () => countByName(collector, 'csp-retry-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'csp-retry-')).toEqual(once(sent));
    const tries = proxy.seen.slice(first);
    expect(tries.map((seen) => seen.fault)).toEqual([{ status: 429, retryAfter: 3 }, 'pass']);
    // The page's own backoff would have tried again after 1–2 s.
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(2950);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without a CSP, a workerUrl that fails (404) falls back to the blob: worker', async () => {
    const url = serveTestPage(proxy, '/missing-worker-url.html', { attributes: 'data-worker-url="/no-such-worker.js"' });
    const first = proxy.seen.length;
    const { page, workers, errors } = await open(url);
    const sent = names('fallback-blob', 2);
    await markInPage(page, sent);

    await eventually(
      () => countByName(collector, 'fallback-blob-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'fallback-blob-')).toEqual(once(sent));
    expect(workers.some((worker) => worker.startsWith('blob:'))).toBe(true);
    expect(proxy.seen.slice(first).map((seen) => seen.gzip)).toEqual([true]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('without workerUrl, offline: what the page held at exit is stashed and the next visit delivers it once', async () => {
    const url = serveTestPage(proxy, '/csp-offline.html', { headers: strictCsp });
    const context = await browser.newContext();
    const sent = await offlinePageView(context, proxy, url, 'csp-offline');
    await backOnline(context, proxy);
    const next = await context.newPage();
    await next.goto(url);
    const expected = once(sent);
    await eventually(
      () => countByName(collector, 'csp-offline-'),
      (found) => Object.keys(found).length === sent.length,
    );
    await quiet(proxy);
    expect(await countByName(collector, 'csp-offline-')).toEqual(expected);
    expect(await next.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('pageprof.')))).toEqual([]);
    await context.close();
  });
});
