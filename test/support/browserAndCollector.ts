import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './chromium.js';
import { startCollector, type CollectorProcess } from './collectorProcess.js';

/** One Chromium and one collector process for a whole test file, started and stopped around it. */
export function browserAndCollector(): { browser: Browser; collector: CollectorProcess } {
  const shared = {} as { browser: Browser; collector: CollectorProcess };
  beforeAll(async () => {
    [shared.browser, shared.collector] = await Promise.all([launchChromium(), startCollector()]);
  });
  afterAll(async () => {
    await shared.browser?.close();
    await shared.collector?.stop();
  });
  return shared;
}
