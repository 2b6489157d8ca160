import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../../test/support/chromium.js';

/** Main-thread CPU so far, in ms of thread time (Performance.enable with timeDomain 'threadTicks'). */
interface Cpu {
  script: number;
  task: number;
}

export interface LoadMeasure {
  load: Cpu;
  workload: Cpu;
  /** JS heap in use after the workload and a garbage collection, in bytes. */
  heap: number;
  browserVersion: string;
}

async function cpu(cdp: CDPSession): Promise<Cpu> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const seconds = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { script: seconds('ScriptDuration') * 1000, task: seconds('TaskDuration') * 1000 };
}

/**
 * The workload, by real input (work started from page.evaluate() makes no long task or frame):
 * the slow "Recalculate prices" click, two fast cart clicks, a search typed key by key, the slow
 * click again; then 1.2 s, so that SDKs that take INP at idle time (web-vitals) have it.
 */
async function workload(page: Page): Promise<void> {
  await page.click('#recalculate');
  await page.waitForSelector('body[data-recalculated="1"]');
  await page.waitForTimeout(300);
  await page.click('#products li:nth-child(1) .add');
  await page.click('#products li:nth-child(2) .add');
  await page.locator('#search').pressSequentially('product 1', { delay: 40 });
  await page.waitForTimeout(300);
  await page.click('#recalculate');
  await page.waitForSelector('body[data-recalculated="2"]');
  await page.waitForTimeout(1200);
}

/**
 * One page view in a browser process of its own (no cache, cookie, storage or warm JIT from an
 * earlier view): load, 600 ms for the async SDKs to start, the workload, the heap after a GC,
 * then the view ends the way it does for a user who goes on to checkout — a link to another
 * page — and the exit uploads are waited for by `settled`, before the browser closes.
 */
export async function measureLoad(url: string, settled: () => Promise<void>, verbose = false): Promise<LoadMeasure> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    if (verbose) page.on('console', (message) => process.stderr.write(`  console.${message.type()}: ${message.text().slice(0, 300)}\n`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForTimeout(600);
    const load = await cpu(cdp);
    await workload(page);
    const done = await cpu(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await page.click('#leave');
    await page.waitForURL('**/bye.html');
    await settled();
    return {
      load,
      workload: { script: done.script - load.script, task: done.task - load.task },
      heap: usedSize,
      browserVersion: browser.version(),
    };
  } finally {
    await browser.close();
  }
}
