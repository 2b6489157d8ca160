import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ProfileTarget, RankedFunction } from '../../src/protocol/queryApi.js';
import { browserAndCollector } from '../support/browserAndCollector.js';
import { eventually } from '../support/eventually.js';

/** What a profiled page view's windows cover, as the collector answers for them: its load, and its end. */
const shared = browserAndCollector();
const LOADING = '/demo/scenarios/loading.html';
const STAGED = '/demo/scenarios/profiling.html';
/** Page views, each left 0.5–3 s after its slow work: closed, or navigated away by a link or by the browser. */
const VIEWS = 20;

const query = <T>(route: string, params: string): Promise<T> =>
  fetch(`${shared.collector.origin}/v1/sites/demo/${route}?${params}`, { headers: { authorization: `Bearer ${shared.collector.readToken}` } }).then(
    (response) => response.json() as Promise<T>,
  );
const onPage = (path: string) => `page=${encodeURIComponent(shared.collector.origin + path)}`;
const tolerance = (ms: number) => Math.max(15, ms * 0.1);

interface Staged {
  pageprofRan: number;
  initApp: { start: number; duration: number };
  hydrateApp: { start: number; duration: number };
}

describe('profiled page views, from their load to their end', () => {
  it("profiles the load: a 200 ms task 150 ms after the script ran is the first window's top function, a 30 ms measure right after it has its samples", async () => {
    const page: Page = await shared.browser.newPage();
    await page.goto(shared.collector.origin + LOADING);
    await page.waitForSelector('body[data-ready="true"]');
    const { staged, timeOrigin } = await page.evaluate(() => ({
      staged: (window as unknown as { staged: Staged }).staged,
      timeOrigin: performance.timeOrigin,
    }));
    expect(staged.hydrateApp.start - staged.pageprofRan).toBeGreaterThanOrEqual(150);
    // The page view ends a second later: its first window has ended by then, and goes with the exit beacons.
    await page.waitForTimeout(1000);
    await page.close();
    // The first window began before pageprof's script had finished running; the next one begins
    // when it ends, after initApp at least.
    const firstWindow = `kind=window&${onPage(LOADING)}&to=${Math.round(timeOrigin + staged.pageprofRan) + 1}`;
    const { functions } = await eventually(
      () => query<{ functions: RankedFunction[] }>('profiles/functions', firstWindow),
      (answer) => answer.functions.some((fn) => fn.name === 'hydrateApp'),
    ).catch(() => query<{ functions: RankedFunction[] }>('profiles/functions', firstWindow));
    expect(functions[0]?.name).toBe('hydrateApp');
    expect(Math.abs((functions[0]?.selfMs ?? 0) - staged.hydrateApp.duration)).toBeLessThanOrEqual(tolerance(staged.hydrateApp.duration));
    // The 30 ms measure is three samples or so: that it has them is the point, and no more time
    // than the browser's own measure lasted.
    const { targets } = await query<{ targets: ProfileTarget[] }>('profiles/targets', onPage(LOADING));
    const { measures } = await query<{ measures: { name: string; count: number; p50: number }[] }>('measures', onPage(LOADING));
    const init = targets.find((target) => target.kind === 'measure' && target.name === 'app-init');
    const measured = measures.find((measure) => measure.name === 'app-init');
    expect(measured?.count).toBe(1);
    expect(init?.samples).toBeGreaterThan(0);
    expect(init?.ms).toBeGreaterThan(0);
    expect(init?.ms).toBeLessThanOrEqual(measured?.p50 ?? 0);
  });

  it(`delivers the window holding slow work of ${VIEWS} of ${VIEWS} page views closed or navigated away 0.5–3 s after it`, async () => {
    const views: { from: number; to: number; buildReport: number; leftBy: string; after: number }[] = [];
    for (let i = 0; i < VIEWS; i++) {
      const after = 500 + Math.round((i * 2500) / (VIEWS - 1));
      const leftBy = ['close', 'link', 'navigation'][i % 3] as string;
      const from = Date.now();
      const page = await shared.browser.newPage();
      await page.goto(shared.collector.origin + STAGED);
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForFunction(() => typeof (window as unknown as { perf: { version?: string } }).perf.version === 'string');
      await page.click('#report');
      await page.waitForSelector('body[data-report="1"]');
      const { buildReport } = await page.evaluate(() => (window as unknown as { staged: { buildReport: number } }).staged);
      await page.waitForTimeout(after);
      if (leftBy === 'link') await Promise.all([page.waitForURL('**/about.html'), page.click('#leave')]);
      if (leftBy === 'navigation') await page.goto(`${shared.collector.origin}/demo/about.html`);
      await page.close();
      views.push({ from, to: Date.now(), buildReport, leftBy, after });
    }
    const found = await eventually(
      () =>
        Promise.all(
          views.map(({ from, to }) => query<{ functions: RankedFunction[] }>('profiles/functions', `kind=window&${onPage(STAGED)}&from=${from}&to=${to}`)),
        ),
      (answers) => answers.every((answer) => answer.functions.some((fn) => fn.name === 'buildReport')),
    ).catch(() =>
      Promise.all(
        views.map(({ from, to }) => query<{ functions: RankedFunction[] }>('profiles/functions', `kind=window&${onPage(STAGED)}&from=${from}&to=${to}`)),
      ),
    );
    const delivered = views.filter((view, i) => {
      const reported = found[i]?.functions.find((fn) => fn.name === 'buildReport')?.selfMs ?? 0;
      return Math.abs(reported - view.buildReport) <= tolerance(view.buildReport);
    });
    const missing = views.filter((view) => !delivered.includes(view)).map((view) => `${view.leftBy} after ${view.after} ms`);
    expect(missing).toEqual([]);
    expect(delivered).toHaveLength(VIEWS);
  }, 150_000);
});
