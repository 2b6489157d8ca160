import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProfileStorage } from '../storage/ProfileStorage.js';

/** The demo's release, as its profiled page's script tag names it (demo/profiled.html). */
const DEMO_RELEASE = 'demo-1.0.0';
/** Scripts the collector serves itself, and their maps in the package (`dist/`). */
const SERVED_MAPS = [
  ['products.min.js', 'dist/demo/products.min.js.map'],
  ['pageprof.js', 'dist/pageprof.js.map'],
] as const;

/**
 * `npm start`'s demo needs no upload step: the maps of the demo's minified bundle and of
 * pageprof's own script are registered for the demo site's release, so its profiles name
 * `filterProducts` and pageprof's own functions. Returns the scripts registered.
 */
export async function registerDemoSourceMaps(profiles: ProfileStorage, root: string, site: string): Promise<string[]> {
  const registered: string[] = [];
  for (const [file, mapPath] of SERVED_MAPS) {
    const path = join(root, mapPath);
    if (!existsSync(path)) continue;
    await profiles.putSourceMap(site, DEMO_RELEASE, file, readFileSync(path, 'utf8'), Date.now());
    registered.push(file);
  }
  return registered;
}
