import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from './collectorProcess.js';
import type { FaultProxy } from './faultProxy.js';

/** The demo site's id and public write key, as the collector's site config knows them. */
export const site = { id: 'demo', key: 'demo-public-key' };

/**
 * Delivery tests count batches and events exactly: the page's own metrics (vitals, frames,
 * resources, memory) would add batches of their own. Taken away the way a browser without these
 * APIs lacks them, pageprof sends only what the test marks.
 */
const withoutPageMetrics =
  "<script>delete window.PerformanceObserver;performance.getEntriesByType=()=>[];Object.defineProperty(performance,'memory',{value:undefined});</script>";

/** What a test page may differ in: response headers (a CSP), more `data-*` attributes, the site and endpoint, HTML before the tag and in the body, and the page's own metrics. */
export interface TestPageOptions {
  headers?: Record<string, string>;
  attributes?: string;
  /** Default: the demo site. */
  site?: typeof site;
  /** Default: the proxy's own collector. */
  endpoint?: string;
  head?: string;
  body?: string;
  /** Keep the browser's performance APIs (vitals, frames, interactions); by default they are taken away. */
  metrics?: boolean;
}

/**
 * Serves a blank page at `path` on the proxy's origin that loads the script-tag bundle
 * synchronously (so `perf` is there once the page has loaded), plus the bundle and the worker file.
 */
export function serveTestPage(proxy: FaultProxy, path: string, options: TestPageOptions = {}): string {
  const { id, key } = options.site ?? site;
  const tag = `<script src="/pageprof.js" data-site="${id}" data-key="${key}" data-endpoint="${options.endpoint ?? '/v1/beacon'}" ${options.attributes ?? ''}></script>`;
  const head = `${options.metrics ? '' : withoutPageMetrics}${options.head ?? ''}${tag}`;
  proxy.files.set(path, {
    type: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8">${head}</head><body>${options.body ?? '<p>test page</p>'}</body></html>`,
    headers: options.headers ?? {},
  });
  for (const file of ['pageprof.js', 'pageprof-worker.js']) {
    proxy.files.set(`/${file}`, { type: 'text/javascript', body: readFileSync(join(projectRoot, 'dist', file)) });
  }
  return proxy.origin + path;
}

/** `perf.mark()` each name in the page, then (unless `flush` is false) `await perf.flush()`. */
export const markInPage = (page: Page, names: string[], flush = true): Promise<void> => callInPage(page, 'mark', names, flush);

/** `perf.measure()` each name in the page (from the time origin to now), then (unless `flush` is false) `await perf.flush()`. */
export const measureInPage = (page: Page, names: string[], flush = true): Promise<void> => callInPage(page, 'measure', names, flush);

async function callInPage(page: Page, method: 'mark' | 'measure', names: string[], flush: boolean): Promise<void> {
  await page.evaluate(
    async ({ call, list, andFlush }) => {
      const perf = (window as unknown as { perf: Record<typeof call, (name: string) => void> & { flush(): Promise<void> } }).perf;
      for (const name of list) perf[call](name);
      if (andFlush) await perf.flush();
    },
    { call: method, list: names, andFlush: flush },
  );
}

/** Each name once: what `countByName` (queryApi.ts) must equal when nothing was lost or doubled. */
export const once = (names: string[]): Record<string, number> => Object.fromEntries(names.map((name) => [name, 1]));

/** Names `prefix-0` … `prefix-(count-1)`. */
export const names = (prefix: string, count: number): string[] => Array.from({ length: count }, (_, i) => `${prefix}-${i}`);

/** Waits until `proxy` has seen no beacon for `quietMs`: late retries or exit beacons would show by then. */
export async function quiet(proxy: FaultProxy, quietMs = 800): Promise<void> {
  for (let count = -1; count !== proxy.seen.length; ) {
    count = proxy.seen.length;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}

/**
 * One page view spent wholly offline: loads `url` online, goes offline, marks `prefix-flushed-*`
 * (flushed: the upload fails) and `prefix-exit-*` (still on the page when it leaves, so cut at
 * exit: offline, the page sends no beacon and stashes them), and leaves the page by navigation.
 * The context stays offline and the collector unreachable through `proxy` until `backOnline`.
 * Returns the names marked.
 *
 * The proxy is down too because Chromium's offline emulation leaks around a departing document:
 * on a bare page navigated away while offline, a keepalive fetch and a `sendBeacon` made at
 * `pagehide` reached the server 30 of 30 times, and the departing document got an `online` event
 * 2 of 30 times (6 of 30 with `page.close()`), whose listener's keepalive fetch then arrived. A
 * page really offline sends nothing; only the proxy can promise that here.
 */
export async function offlinePageView(context: BrowserContext, proxy: FaultProxy, url: string, prefix: string): Promise<string[]> {
  proxy.inject([], 'down');
  const page = await context.newPage();
  await page.goto(url);
  await context.setOffline(true);
  // The page learns it is offline a moment later: until then a request could still slip through.
  await page.waitForFunction(() => !navigator.onLine);
  const flushed = names(`${prefix}-flushed`, 3);
  await markInPage(page, flushed);
  const atExit = names(`${prefix}-exit`, 2);
  await markInPage(page, atExit, false);
  await page.goto('about:blank');
  return [...flushed, ...atExit];
}

/** Ends `offlinePageView`: the context online, the collector reachable again. */
export async function backOnline(context: BrowserContext, proxy: FaultProxy): Promise<void> {
  await context.setOffline(false);
  proxy.inject([]);
}
