import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { trackRoutes } from '../../../src/sdk/metrics/trackRoutes.js';

const originalPush = history.pushState;
const originalReplace = history.replaceState;

beforeEach(() => originalReplace.call(history, null, '', '/shop/?q=secret#top'));
afterEach(() => {
  history.pushState = originalPush;
  history.replaceState = originalReplace;
});

describe('trackRoutes', () => {
  it('follows pushState, replaceState and popstate, reporting each change before it applies', () => {
    const changes: [string, string][] = [];
    const routes = trackRoutes((name) => changes.push([name, routes.current()]));
    expect(routes.current()).toBe('/shop/');
    history.pushState(null, '', '/shop/products/42?ref=mail');
    history.replaceState(null, '', '/shop/products/42#reviews');
    history.replaceState(null, '', '/shop/cart');
    dispatchEvent(new PopStateEvent('popstate'));
    // By default a route is the path, its ids and the like scrubbed (scrubPath).
    expect(changes).toEqual([
      ['/shop/products/:id', '/shop/'],
      ['/shop/cart', '/shop/products/:id'],
    ]);
  });

  it('answers which route was active at a time, for entries delivered late', () => {
    const now = vi.spyOn(performance, 'now');
    const routes = trackRoutes(() => undefined);
    now.mockReturnValue(1000);
    history.pushState(null, '', '/shop/products/1');
    now.mockReturnValue(2000);
    history.pushState(null, '', '/shop/cart');
    now.mockRestore();
    expect([routes.at(-5), routes.at(999), routes.at(1000), routes.at(1500), routes.at(5000)]).toEqual([
      '/shop/',
      '/shop/',
      '/shop/products/:id',
      '/shop/products/:id',
      '/shop/cart',
    ]);
  });

  it('names the route a soft navigation led to: the first that began from its start on', () => {
    const now = vi.spyOn(performance, 'now');
    const routes = trackRoutes(() => undefined);
    now.mockReturnValue(1000);
    history.pushState(null, '', '/shop/products/1');
    now.mockRestore();
    // The browser dates the soft navigation at the click, a moment before pushState.
    expect(routes.startedFrom(998)).toBe('/shop/products/:id');
    expect(routes.startedFrom(1500)).toBe('/shop/products/:id');
  });

  it('turns URLs into templates with routeName, and falls back to the path when it throws', () => {
    const routeName = vi.fn((url: string) => {
      if (url.includes('broken')) throw new Error('bad template');
      return new URL(url).pathname.replace(/\/\d+$/, '/:id');
    });
    const routes = trackRoutes(() => undefined, routeName);
    history.pushState(null, '', '/shop/products/42?q=1');
    expect(routes.current()).toBe('/shop/products/:id');
    expect(routeName).toHaveBeenLastCalledWith(`${location.origin}/shop/products/42?q=1`);
    history.pushState(null, '', '/broken/7');
    expect(routes.current()).toBe('/broken/:id');
  });

  it('stops following history once the app names its routes', () => {
    const onChange = vi.fn();
    const routes = trackRoutes(onChange);
    routes.set('checkout');
    history.pushState(null, '', '/shop/elsewhere');
    expect(routes.current()).toBe('checkout');
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it("keeps the page's own history calls working, and their return value", () => {
    trackRoutes(() => {
      throw new Error("ours, not the page's");
    });
    expect(() => history.pushState({ step: 1 }, '', '/shop/next')).not.toThrow();
    expect(location.pathname).toBe('/shop/next');
    expect(history.state).toEqual({ step: 1 });
  });
});
