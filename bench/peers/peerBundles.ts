import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { projectRoot } from '../../test/support/collectorProcess.js';
import type { Peer } from './variants.js';

const peers: Peer[] = ['webvitals', 'sentry', 'datadog'];

/**
 * Bundles each peer's entry (bench/peers/sdks/*.js) from bench/node_modules, minified, as an ES
 * module with code splitting: the lazy chunks an SDK imports (Datadog's profiler and recorder)
 * stay separate files, and the page fetches only those it uses, as an app's bundler would serve
 * them. Each peer is built on its own, so no chunk is shared between peers. Returns the folder
 * of each peer's files (`index.js` and its chunks) and the peers' package versions.
 */
export async function buildPeerBundles(outRoot: string, intake: string): Promise<{ dirs: Record<Peer, string>; versions: Record<string, string> }> {
  // The runner is bundled into .tmp/, so paths are taken from the project's root, not from this file.
  const here = join(projectRoot, 'bench', 'peers');
  const dirs = {} as Record<Peer, string>;
  for (const peer of peers) {
    dirs[peer] = join(outRoot, peer);
    await build({
      entryPoints: { index: join(here, 'sdks', `${peer}.js`) },
      absWorkingDir: here,
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      target: 'es2020',
      define: { __INTAKE__: JSON.stringify(intake) },
      outdir: dirs[peer],
      logLevel: 'warning',
    });
  }
  const packages = ['web-vitals', '@sentry/browser', '@datadog/browser-rum'];
  const versions = Object.fromEntries(
    packages.map((name) => [name, (JSON.parse(readFileSync(join(here, '..', 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version]),
  );
  return { dirs, versions };
}
