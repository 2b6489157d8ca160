import type { Page } from 'playwright-core';

/**
 * What a visitor does on one demo page, as a user would (real input: work started from a test's
 * page.evaluate() makes no long task or frame). Each ends by leaving the page, which makes it
 * hidden: web-vitals reports INP and CLS then.
 */
export interface Scenario {
  name: string;
  path: string;
  /** How often it comes up, against the others. */
  weight: number;
  act(page: Page): Promise<void>;
}

/** web-vitals handles INP in an idle callback with a 1 s timeout (browser-notes.md): wait it out before leaving. */
const INP_SETTLE_MS = 1200;
const ready = (page: Page) => page.waitForSelector('body[data-ready="true"]', { timeout: 20_000 });

export const SCENARIOS: Scenario[] = [
  {
    name: 'shop',
    path: '/demo/',
    weight: 3,
    async act(page) {
      await ready(page);
      await page.click('#next');
      await page.waitForURL('**/about.html');
    },
  },
  {
    name: 'slow click',
    path: '/demo/scenarios/vitals.html',
    weight: 3,
    async act(page) {
      await ready(page);
      await page.click('#slow-button');
      await page.waitForTimeout(INP_SETTLE_MS);
    },
  },
  {
    name: 'search (profiled)',
    path: '/demo/profiled.html',
    weight: 3,
    async act(page) {
      await ready(page);
      await page.fill('#query', ['a', 'la', 'ch', 'r'][Math.floor(Math.random() * 4)] ?? 'a');
      await page.click('#filter');
      await page.waitForSelector('body[data-filtered="1"]');
      // The profiler window ends a second after slow work; its trace is handed over in time then.
      await page.waitForTimeout(2500);
    },
  },
  {
    name: 'single-page app',
    path: '/demo/scenarios/spa.html',
    weight: 2,
    async act(page) {
      await ready(page);
      await page.click('#to-product');
      await page.click('#add');
      await page.click('#to-cart');
      await page.click('#add');
      await page.click('#checkout');
      await page.waitForTimeout(INP_SETTLE_MS);
    },
  },
];
