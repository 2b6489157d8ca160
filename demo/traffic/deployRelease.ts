import type { BrowserContext } from 'playwright-core';

/** The releases demo:traffic runs: the demo's own, then the one with the slower filterProducts. */
export const RELEASES = ['demo-1.0.0', 'demo-2.0.0'] as const;
export type Release = (typeof RELEASES)[number];

/**
 * Serves release 2 of the demo to a browser context, as a deploy would: each demo document is
 * fetched from the collector with its headers (Document-Policy, CSP) and its script tags name
 * `demo-2.0.0` and load products-2.min.js (the build's release 2, with its source map registered by
 * --demo-sourcemaps). Release 1 is the demo as served.
 */
export async function deployRelease(context: BrowserContext, release: Release): Promise<void> {
  if (release === RELEASES[0]) return;
  await context.route('**/demo/**', async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const body = (await response.text())
      .replaceAll(`data-release="${RELEASES[0]}"`, `data-release="${release}"`)
      .replaceAll('/demo/build/products.min.js', '/demo/build/products-2.min.js');
    await route.fulfill({ response, body });
  });
}
