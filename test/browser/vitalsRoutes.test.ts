import { describe, expect, it } from 'vitest';
import { browserAndCollector } from '../support/browserAndCollector.js';
import { eventually } from '../support/eventually.js';
import { apiEvents, viewsIn } from '../support/queryApi.js';

const shared = browserAndCollector();

// The demo navigates to /products/42: by default a route is its path with ids scrubbed.
const product = '/demo/scenarios/spa/products/:id';
const cart = '/demo/scenarios/spa/cart';

describe('single-page app routes and session sampling', () => {
  it('attributes every event to the route active then, with an INP per route', async () => {
    const page = await shared.browser.newPage();
    await page.goto(`${shared.collector.origin}/demo/scenarios/spa.html`);
    await page.waitForSelector('body[data-ready="true"]');
    // Each route paints before the next click: a soft navigation is one that painted.
    // Then wait for the browser's soft-navigation entry, and a task more for the observers it is
    // delivered to (web-vitals' among them): under load the entry came after the page had closed.
    const painted = async (softNavigations: number) => {
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
      await page.waitForFunction((count) => performance.getEntriesByType('soft-navigation').length >= count, softNavigations);
      await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
    };
    await page.click('#to-product');
    await painted(1);
    await page.click('#add');
    await page.click('#to-cart');
    await painted(2);
    await page.click('#add');
    await page.click('#checkout');
    await page.close();

    // The cart route's CLS comes with the page's exit, possibly after the worker's last upload.
    const events = await eventually(
      () => apiEvents(shared.collector),
      (found) =>
        found.some((event) => event.type === 'route' && event.name === 'checkout') &&
        found.some((event) => event.type === 'resources') &&
        found.some((event) => event.type === 'vital' && event.name === 'CLS' && event.route === cart),
    );
    expect(events.filter((event) => event.type === 'route').map((event) => [event.name, event.route])).toEqual([
      [product, product],
      [cart, cart],
      ['checkout', 'checkout'],
    ]);
    // LCP and CLS for the landing page and for each soft navigation (a click that changed the URL and painted).
    const vitals = (name: string) => events.filter((event) => event.type === 'vital' && event.name === name);
    expect(vitals('LCP').map((lcp) => lcp.route)).toEqual(['/demo/scenarios/spa.html', product, cart]);
    expect(vitals('CLS').map((cls) => cls.route)).toEqual(['/demo/scenarios/spa.html', product, cart]);
    for (const lcp of vitals('LCP').slice(1)) {
      expect(lcp.fields.attribution).toMatchObject({ target: '#title', navigationType: 'soft-navigation' });
    }
    const inps = events.filter((event) => event.type === 'vital' && event.name === 'INP');
    const productInp = inps.find((event) => event.route === product);
    const cartInp = inps.find((event) => event.route === cart);
    expect(productInp?.value).toBeGreaterThanOrEqual(250);
    expect(cartInp?.value).toBeGreaterThanOrEqual(120);
    expect(cartInp?.value).toBeLessThan(250);
    expect((productInp?.fields.attribution as { scripts: { fn: string }[] } | undefined)?.scripts.map((script) => script.fn)).toContain('addToCart');
    // Loading metrics belong to the route the page loaded on.
    const landing = '/demo/scenarios/spa.html';
    expect(events.find((event) => event.name === 'TTFB')?.route).toBe(landing);
    expect(events.find((event) => event.type === 'navigation')?.route).toBe(landing);
    // Each slow frame is on the route its click happened on.
    const frames = events.filter((event) => event.type === 'loaf' && event.name === 'BUTTON#add.onclick');
    expect(frames.map((frame) => frame.route)).toEqual([product, cart]);
  });

  it("names routes with init()'s routeName and lets beforeSend drop and rewrite events", async () => {
    const page = await shared.browser.newPage();
    await page.goto(`${shared.collector.origin}/demo/scenarios/hooks.html`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('#product-42');
    await page.click('#product-43');
    await page.click('#cart');
    await page.close();

    const events = await eventually(
      () => apiEvents(shared.collector, { release: 'demo-hooks' }),
      (found) => found.some((event) => event.type === 'route' && event.name === '/demo/scenarios/hooks/cart') && found.some((event) => event.type === 'memory'),
    );
    expect(events.filter((event) => event.type === 'route').map((event) => event.name)).toEqual([
      '/demo/scenarios/hooks/products/:id',
      '/demo/scenarios/hooks/cart',
    ]);
    expect(events.find((event) => event.type === 'mark')?.fields).toEqual({ detail: '"redacted"' });
    expect(events.some((event) => event.type === 'resources')).toBe(false);
    expect(JSON.stringify(events)).not.toContain('someone@example.com');
  });

  it('sends nothing for a session outside data-sample-rate', async () => {
    const urlsOf = async () => (await viewsIn(shared.collector)).map((view) => view.url);
    const viewsBefore = (await urlsOf()).length;
    const unsampled = await shared.browser.newPage();
    await unsampled.goto(`${shared.collector.origin}/demo/scenarios/unsampled.html`);
    await unsampled.waitForSelector('body[data-ready="true"]');
    await unsampled.click('#add');
    expect(await unsampled.evaluate(() => sessionStorage.getItem('pageprof.sample'))).toMatch(/^0\.\d+/);
    await unsampled.close();
    // A sampled page view closed afterwards: once it has arrived, the unsampled one would have too.
    const sampled = await shared.browser.newPage();
    await sampled.goto(`${shared.collector.origin}/demo/scenarios/spa.html`);
    await sampled.waitForSelector('body[data-ready="true"]');
    await sampled.close();
    const urls = await eventually(urlsOf, (found) => found.length > viewsBefore);
    expect(urls.some((url) => url.endsWith('/unsampled.html'))).toBe(false);
  });
});
