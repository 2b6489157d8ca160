import type { Browser, LaunchOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium.js';
import { startCollector, type CollectorProcess } from './collectorProcess.js';
import { startFaultProxy, type FaultProxy } from './faultProxy.js';

/** A Chromium, a real collector process, and the fault proxy in front of it (the site's origin). */
export interface DeliveryRig {
  browser: Browser;
  /** Replaceable: a test may stop the collector and start another on the same database file. */
  collector: CollectorProcess;
  proxy: FaultProxy;
  close(): Promise<void>;
}

export async function startDeliveryRig(launch: LaunchOptions = {}): Promise<DeliveryRig> {
  const [browser, collector] = await Promise.all([launchChromium(launch), startCollector()]);
  const proxy = await startFaultProxy(collector.origin);
  const rig: DeliveryRig = {
    browser,
    collector,
    proxy,
    async close() {
      await browser.close();
      await proxy.close();
      await rig.collector.stop();
    },
  };
  return rig;
}

/** How many batches wait in the page's IndexedDB outboxes (one per site and endpoint). */
export const outboxSize = (page: Page): Promise<number> =>
  page.evaluate(async () => {
    let total = 0;
    for (const { name } of await indexedDB.databases()) {
      if (!name?.startsWith('pageprof')) continue;
      total += await new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const count = open.result.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            open.result.close();
            resolve(count.result);
          };
        };
      });
    }
    return total;
  });
