import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facets } from '../../src/protocol/queryRoutes.js';
import { startDeliveryRig, type DeliveryRig } from '../support/deliveryRig.js';
import { eventually } from '../support/eventually.js';
import { queryApi, viewsIn } from '../support/queryApi.js';
import { markInPage, serveTestPage } from '../support/testPage.js';

let rig: DeliveryRig;
beforeAll(async () => {
  rig = await startDeliveryRig();
});
afterAll(() => rig?.close());

describe('custom tags', () => {
  it('tags a page view from data-tags, the snippet queue and perf.setTag, each a filter of the query API', async () => {
    // A call queued through the inline snippet before the bundle loaded, as a site's experiment code would make it.
    const snippet = `<script>window.perf={q:[['setTag',['cohort',7],0]]}</script>`;
    const url = serveTestPage(rig.proxy, '/tags.html', { attributes: 'data-tags="experiment=checkout-b, tenant=acme"', head: snippet });
    const errors: string[] = [];
    const tagged = async (later: (page: Page) => Promise<void>) => {
      const page = await rig.browser.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(url);
      await markInPage(page, ['tags-first']);
      await later(page);
      await markInPage(page, ['tags-second']);
      await page.close();
    };
    await tagged(async (page) => {
      await page.evaluate(() => {
        const perf = (window as unknown as { perf: { setTag(name: unknown, value: unknown): void } }).perf;
        perf.setTag('tenant', null);
        perf.setTag('region', 'eu');
        // Odd calls are ignored, never thrown.
        perf.setTag('not a name', 'x');
        perf.setTag('object', {});
      });
    });
    await tagged(async () => undefined);

    const reader = rig.collector;
    const views = (tag: string) => viewsIn(reader, { tag });
    await eventually(
      () => views('cohort:7'),
      (found) => found.length === 2,
    );
    // The first view dropped tenant after its first batch, which carried it: a view has every tag any batch carried.
    expect((await views('tenant:acme')).length).toBe(2);
    expect((await views('region:eu')).length).toBe(1);
    expect((await views('experiment:checkout-b')).length).toBe(2);
    const { tags } = (await queryApi<{ facets: Facets }>(reader, 'facets')).facets;
    expect([...tags].sort()).toEqual(['cohort:7', 'experiment:checkout-b', 'region:eu', 'tenant:acme']);
    expect(errors).toEqual([]);
  });
});
