import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileStorage } from '../storage/ProfileStorage.js';

/**
 * Scripts the collector serves itself, and their maps in the package (`dist/`), by the demo's
 * release: 1.0.0 as its pages' script tags name it, 2.0.0 as `npm run demo:traffic` deploys it
 * (products-2.min.js, with the slower filterProducts).
 */
const SERVED_MAPS = [
  ['demo-1.0.0', 'products.min.js', 'dist/demo/products.min.js.map'],
  ['demo-1.0.0', 'pageprof.js', 'dist/pageprof.js.map'],
  ['demo-2.0.0', 'products-2.min.js', 'dist/demo/products-2.min.js.map'],
  ['demo-2.0.0', 'pageprof.js', 'dist/pageprof.js.map'],
] as const;

/**
 * `npm start`'s demo needs no upload step: the maps of the demo's minified bundles and of
 * pageprof's own script are registered for the demo site's releases, so its profiles name
 * `filterProducts` and pageprof's own functions. Returns the scripts registered.
 */
export async function registerDemoSourceMaps(profiles: ProfileStorage, root: string, site: string): Promise<string[]> {
  const registered: string[] = [];
  for (const [release, file, mapPath] of SERVED_MAPS) {
    const path = join(root, mapPath);
    if (!existsSync(path)) continue;
    await profiles.putSourceMap(site, release, file, readFileSync(path, 'utf8'), Date.now());
    if (!registered.includes(file)) registered.push(file);
  }
  return registered;
}
