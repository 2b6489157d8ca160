import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RankedFunction } from '../../src/protocol/queryApi.js';
import { browserAndCollector } from '../support/browserAndCollector.js';
import { eventually } from '../support/eventually.js';

/**
 * Profile times held to an independent measure: the staged page (demo/scenarios/profiling.html)
 * measures each of its functions with performance.now() around it, in the same run, so a loaded
 * machine slows the truth and the profile alike.
 */
const shared = browserAndCollector();
const STAGED = '/demo/scenarios/profiling.html';
const STAGED_FUNCTIONS = ['buildReport', 'compareRows', 'formatCells'];

const query = (route: string, params: string) =>
  fetch(`${shared.collector.origin}/v1/sites/demo/${route}?${params}`, { headers: { authorization: `Bearer ${shared.collector.readToken}` } }).then(
    (response) => response.json(),
  );
const onPage = (path: string) => `page=${encodeURIComponent(shared.collector.origin + path)}`;
/** The goal: within ±10% of the truth, or ±15 ms where that is wider. */
const tolerance = (ms: number) => Math.max(15, ms * 0.1);

async function open(path: string): Promise<Page> {
  const page = await shared.browser.newPage();
  await page.goto(shared.collector.origin + path);
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForFunction(() => typeof (window as unknown as { perf: { version?: string } }).perf.version === 'string');
  return page;
}

async function runStaged(page: Page): Promise<Record<string, number>> {
  for (const id of ['report', 'sort', 'format']) {
    await page.click(`#${id}`);
    await page.waitForSelector(`body[data-${id}="1"]`);
  }
  return page.evaluate(() => (window as unknown as { staged: Record<string, number> }).staged);
}

describe('profile times, against performance.now() around the staged functions', () => {
  it('ranks 450, 150 (thousands of short calls) and 80 ms (bursts of samples) in that order, each self time within ±10% (or ±15 ms)', async () => {
    const page = await open(STAGED);
    const staged = await runStaged(page);
    await page.evaluate(() => (window as unknown as { perf: { flush(): Promise<void> } }).perf.flush());
    await page.close();

    const { functions } = await eventually(
      () => query('profiles/functions', `kind=window&${onPage(STAGED)}`) as Promise<{ functions: RankedFunction[] }>,
      (answer) => STAGED_FUNCTIONS.every((name) => answer.functions.some((fn) => fn.name === name)),
    );
    const reported = Object.fromEntries(functions.map((fn) => [fn.name, fn.selfMs]));
    console.log(`self time, sampled vs measured: ${STAGED_FUNCTIONS.map((name) => `${name} ${reported[name]} / ${staged[name]?.toFixed(1)} ms`).join(', ')}`);
    expect(functions.slice(0, 3).map((fn) => fn.name)).toEqual(STAGED_FUNCTIONS);
    for (const name of STAGED_FUNCTIONS) {
      const measured = staged[name] ?? 0;
      expect(Math.abs((reported[name] ?? 0) - measured), `${name}: ${reported[name]} ms sampled, ${measured} ms measured`).toBeLessThanOrEqual(
        tolerance(measured),
      );
    }
    expect(functions.every((fn) => !fn.estimated)).toBe(true);
    expect(functions.slice(0, 3).every((fn) => fn.selfSamples > 0)).toBe(true);
  });

  it('never attributes more time to a span than it lasted: the measure and the clicks, against their own entries', async () => {
    const { targets } = (await query('profiles/targets', onPage(STAGED))) as { targets: { kind: string; name: string; count: number; ms: number }[] };
    const { measures } = (await query('measures', onPage(STAGED))) as { measures: { name: string; count: number; p50: number }[] };
    const { interactions } = (await query('interactions', onPage(STAGED))) as { interactions: { name: string; duration: number }[] };
    const sortRows = measures.find((measure) => measure.name === 'sort rows');
    expect(sortRows?.count).toBe(1);
    const measured = targets.find((target) => target.kind === 'measure' && target.name === 'sort rows');
    expect(measured?.ms).toBeLessThanOrEqual(sortRows?.p50 ?? 0);
    const clicks = interactions.filter((interaction) => interaction.name === 'click');
    expect(clicks).toHaveLength(3);
    const clicked = targets.find((target) => target.kind === 'interaction' && target.name === 'click');
    expect(clicked?.count).toBe(3);
    expect(clicked?.ms).toBeLessThanOrEqual(clicks.reduce((sum, click) => sum + click.duration, 0));
  });
});
