import { randomBytes } from 'node:crypto';
import type { Site } from './Config.js';

/** The demo app's script tag carries this key (demo/index.html); write keys are public by design. */
export const DEMO_WRITE_KEY = 'demo-public-key';

/**
 * A new random secret: 32 bytes, 43 characters. Never one starting with '-' (1 in 64 of base64url
 * strings): `pageprof check --token -…` would take it for an option and refuse the command.
 */
export function randomSecret(): string {
  const secret = randomBytes(32).toString('base64url');
  return secret.startsWith('-') ? randomSecret() : secret;
}

/**
 * The site `pageprof serve` runs without `--config`: the demo app, posting from the collector's own
 * origin, and from `origins` (`--origin`: a page of your own tried against the demo site).
 */
export function demoSite(readToken = randomSecret(), uploadToken = randomSecret(), origins: string[] = []): Site {
  return { id: 'demo', writeKey: DEMO_WRITE_KEY, readTokens: [readToken], uploadToken, origins: ['self', ...origins] };
}
