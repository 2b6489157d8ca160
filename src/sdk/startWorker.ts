import type { WorkerApi, WorkerConfig } from '../protocol/workerApi.js';
import { workerClient } from './workerClient.js';

/** A worker that neither starts nor fails within this time (a hung fetch of `workerUrl`) is given up. */
const START_TIMEOUT_MS = 5000;

/**
 * Starts the worker: from `workerUrl` when the site gave one (a same-origin copy, for a CSP
 * without `worker-src blob:`; tried first so such a site's CSP reports do not fill with refused
 * `blob:` workers), else, or when that fails, from the inlined source through a Blob URL (works
 * when the script is served from another origin). Each try ends in one of two states: ready (its
 * `start()` answered) or failed (an `error` event, a rejected `start()`, the constructor throwing,
 * or the timeout). Under a CSP refusing it the constructor does not throw: an `error` event
 * arrives within ~50 ms (browser-notes). Resolves undefined when no try succeeded: the page then
 * delivers itself.
 */
export async function startWorker(
  source: string | undefined,
  workerUrl: string | undefined,
  config: WorkerConfig,
  onSettled: (ids: string[]) => void,
): Promise<WorkerApi | undefined> {
  if (typeof Worker !== 'function') return undefined;
  const urls = [() => workerUrl, () => (source && typeof URL.createObjectURL === 'function' ? blobUrl(source) : undefined)];
  for (const next of urls) {
    const url = next();
    const api = url ? await tryWorker(url, config, onSettled) : undefined;
    if (api) return api;
  }
  return undefined;
}

function blobUrl(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

function tryWorker(url: string, config: WorkerConfig, onSettled: (ids: string[]) => void): Promise<WorkerApi | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      return resolve(undefined);
    }
    const finish = (api: WorkerApi | undefined) => {
      clearTimeout(timer);
      worker.removeEventListener('error', fail);
      // The worker has its script by now; a `blob:` URL need not be kept (revoking any other is a no-op).
      URL.revokeObjectURL(url);
      if (!api) worker.terminate();
      resolve(api);
    };
    const fail = () => finish(undefined);
    const timer = setTimeout(fail, START_TIMEOUT_MS);
    worker.addEventListener('error', fail, { once: true });
    const api = workerClient(worker);
    api.start(config, onSettled).then(() => finish(api), fail);
  });
}
