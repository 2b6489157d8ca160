import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './collectorProcess.js';
import type { FaultProxy } from './faultProxy.js';

/** The demo site's id and public write key, as the collector's site config knows them. */
export const site = { id: 'demo', key: 'demo-public-key' };

/**
 * Serves a blank page at `path` on the proxy's origin that loads the script-tag bundle
 * synchronously (so `perf` is there once the page has loaded), plus the bundle and the worker
 * file. `headers` can carry a CSP; `attributes` more `data-*` options.
 */
export function serveTestPage(proxy: FaultProxy, path: string, options: { headers?: Record<string, string>; attributes?: string } = {}): string {
  const tag = `<script src="/pageprof.js" data-site="${site.id}" data-key="${site.key}" data-endpoint="/v1/beacon" ${options.attributes ?? ''}></script>`;
  proxy.files.set(path, {
    type: 'text/html',
    body: `<!doctype html><html><head><meta charset="utf-8">${tag}</head><body><p>test page</p></body></html>`,
    headers: options.headers ?? {},
  });
  for (const file of ['pageprof.js', 'pageprof-worker.js']) {
    proxy.files.set(`/${file}`, { type: 'text/javascript', body: readFileSync(join(projectRoot, 'dist', file)) });
  }
  return proxy.origin + path;
}
