import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { eventually } from '../support/eventually.js';
import { startFaultProxy, type FaultProxy } from '../support/faultProxy.js';
import { measureCounts, type Queryable } from '../support/queryApi.js';
import { measureInPage, names, once, quiet, serveTestPage } from '../support/testPage.js';

/** Two sites, each with its own collector; both collectors know both sites, so a batch delivered to the wrong one would be stored there. */
const sites = {
  shop: { id: 'shop', key: 'shop-public-key', readToken: 'shop-read-token-of-at-least-32-characters' },
  blog: { id: 'blog', key: 'blog-public-key', readToken: 'blog-read-token-of-at-least-32-characters' },
};
let browser: Browser;
const collectors: Record<'shop' | 'blog', CollectorProcess> = {} as never;
const proxies: Record<'shop' | 'blog', FaultProxy> = {} as never;

beforeAll(async () => {
  const config = join(mkdtempSync(join(tmpdir(), 'pageprof-scopes-')), 'sites.json');
  writeFileSync(config, JSON.stringify({ sites: Object.values(sites).map(({ id, key, readToken }) => ({ id, writeKey: key, readToken, origins: ['*'] })) }));
  [browser, collectors.shop, collectors.blog] = await Promise.all([
    launchChromium(),
    startCollector({ args: ['--config', config] }),
    startCollector({ args: ['--config', config] }),
  ]);
  proxies.shop = await startFaultProxy(collectors.shop.origin);
  proxies.blog = await startFaultProxy(collectors.blog.origin);
});
afterAll(async () => {
  await browser?.close();
  await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
  await Promise.all(Object.values(collectors).map((collector) => collector.stop()));
});

/** What `collector` stores for `site`, asked through its query API. */
const stored = (collector: 'shop' | 'blog', site: 'shop' | 'blog') =>
  measureCounts({ origin: collectors[collector].origin, site, readToken: sites[site].readToken } satisfies Queryable, '');

describe('two configurations on one origin', () => {
  it("each site's batches reach its own collector only, from the outbox and from the exit stash", async () => {
    // Both pages are on the shop proxy's origin; the blog posts across origins to its own collector.
    const shopUrl = serveTestPage(proxies.shop, '/shop.html', { site: { id: 'shop', key: sites.shop.key } });
    const blogUrl = serveTestPage(proxies.shop, '/blog.html', { site: { id: 'blog', key: sites.blog.key }, endpoint: `${proxies.blog.origin}/v1/beacon` });
    const context = await browser.newContext();

    // The shop's collector is unreachable: its batches wait in the outbox and, cut at exit, in the stash.
    proxies.shop.inject([], 'down');
    const shop = await context.newPage();
    await shop.goto(shopUrl);
    const shopSent = [...names('shop-flushed', 3), ...names('shop-exit', 2)];
    await measureInPage(shop, shopSent.slice(0, 3));
    await measureInPage(shop, shopSent.slice(3), false);
    await shop.goto('about:blank');

    // A blog page view on the same origin, its collector up.
    const blog = await context.newPage();
    await blog.goto(blogUrl);
    const blogSent = names('blog', 3);
    await measureInPage(blog, blogSent);
    await eventually(
      () => stored('blog', 'blog'),
      (found) => Object.keys(found).length === blogSent.length,
    );
    await quiet(proxies.blog);
    await blog.goto('about:blank');
    await quiet(proxies.blog);

    // The shop's collector back, and the next shop page view.
    proxies.shop.inject([]);
    const next = await context.newPage();
    await next.goto(shopUrl);
    await eventually(
      () => stored('shop', 'shop'),
      (found) => Object.keys(found).length === shopSent.length,
      15_000,
    );
    await quiet(proxies.shop);

    expect(await stored('shop', 'shop')).toEqual(once(shopSent));
    expect(await stored('blog', 'blog')).toEqual(once(blogSent));
    expect(await stored('blog', 'shop')).toEqual({});
    expect(await stored('shop', 'blog')).toEqual({});
    await context.close();
  });
});
