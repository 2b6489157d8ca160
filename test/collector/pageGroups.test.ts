import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageSummary } from '../../src/protocol/queryRoutes.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { queryApi, viewsIn } from '../support/queryApi.js';

const shop = {
  id: 'shop',
  writeKey: 'shop-write-key',
  readToken: 'shop-read-token-of-at-least-32-characters',
  origins: ['*'],
  pageGroups: ['/product/:slug', '/product/:slug/reviews', '/docs/*'],
};
const reader = { readToken: shop.readToken, site: 'shop' };
let collector: CollectorProcess;

beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pageprof-groups-')), 'sites.json');
  writeFileSync(file, JSON.stringify({ sites: [shop] }));
  collector = await startCollector({ args: ['--config', file] });
  const paths = ['/product/blue-shirt', '/product/red-hat', '/product/red-hat/reviews', '/docs/setup/nginx', '/docs', '/cart', '/product/a/b/c'];
  for (const path of paths) {
    const beacon = makeBeacon({ site: shop.id, key: shop.writeKey, view: makeView({ url: `https://shop.example${path}` }) });
    expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
  }
}, 30_000);
afterAll(() => collector?.stop());

describe("a site's page groups", () => {
  it('stores each page view under the first group its path matches, and other pages as they came', async () => {
    const { pages } = await queryApi<{ pages: PageSummary[] }>({ ...reader, origin: collector.origin }, 'pages');
    expect(Object.fromEntries(pages.map((page) => [page.url, page.views]))).toEqual({
      'https://shop.example/product/:slug': 2,
      'https://shop.example/product/:slug/reviews': 1,
      'https://shop.example/docs/*': 1,
      // `*` stands for one segment or more, `:slug` for one exactly.
      'https://shop.example/docs': 1,
      'https://shop.example/cart': 1,
      'https://shop.example/product/a/b/c': 1,
    });
  });

  it('filters by a group as by any page: its views, and none of what it collapsed is kept', async () => {
    const views = await viewsIn({ ...reader, origin: collector.origin }, { page: 'https://shop.example/product/:slug' });
    expect(views.map((view) => view.url)).toEqual(['https://shop.example/product/:slug', 'https://shop.example/product/:slug']);
    const everything = JSON.stringify(await viewsIn({ ...reader, origin: collector.origin }));
    expect(everything).not.toMatch(/blue-shirt|red-hat|nginx/);
  });
});
