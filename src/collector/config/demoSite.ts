import { randomBytes } from 'node:crypto';
import type { Site } from './Config.js';

/** The demo app's script tag carries this key (demo/index.html); write keys are public by design. */
export const DEMO_WRITE_KEY = 'demo-public-key';

/** The site `pageprof serve` runs without `--config`: the demo app, posting from the collector's own origin. */
export function demoSite(readToken = randomBytes(18).toString('base64url')): Site {
  return { id: 'demo', writeKey: DEMO_WRITE_KEY, readToken, origins: ['self'] };
}
