import { proxy, wrap, type Remote } from 'comlink';
import type { WorkerApi, WorkerConfig } from '../protocol/workerApi.js';

/** A worker that neither starts nor fails within this time (a hung fetch of `workerUrl`) is given up. */
const START_TIMEOUT_MS = 5000;

/**
 * Starts the worker: first from its inlined source through a Blob URL (works when the script is
 * served from another origin), then from `workerUrl` (a same-origin copy, for a CSP without
 * `worker-src blob:`). Each try ends in one of two states: ready (its `start()` answered) or
 * failed (an `error` event, a rejected `start()`, the constructor throwing, or the timeout). Under
 * such a CSP the constructor does not throw: an `error` event arrives within ~50 ms
 * (browser-notes). Resolves undefined when no try succeeded: the page then delivers itself.
 */
export async function startWorker(
  source: string | undefined,
  workerUrl: string | undefined,
  config: WorkerConfig,
  onSettled: (ids: string[]) => void,
): Promise<Remote<WorkerApi> | undefined> {
  if (typeof Worker !== 'function') return undefined;
  const urls = [source && typeof URL.createObjectURL === 'function' ? blobUrl(source) : undefined, workerUrl];
  for (const url of urls) {
    const api = url ? await tryWorker(url, config, onSettled) : undefined;
    if (api) return api;
  }
  return undefined;
}

function blobUrl(source: string): string {
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

function tryWorker(url: string, config: WorkerConfig, onSettled: (ids: string[]) => void): Promise<Remote<WorkerApi> | undefined> {
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(url);
    } catch {
      return resolve(undefined);
    }
    const fail = () => {
      clearTimeout(timer);
      worker.terminate();
      resolve(undefined);
    };
    const timer = setTimeout(fail, START_TIMEOUT_MS);
    worker.addEventListener('error', fail, { once: true });
    const api = wrap<WorkerApi>(worker);
    api.start(config, proxy(onSettled)).then(() => {
      clearTimeout(timer);
      worker.removeEventListener('error', fail);
      resolve(api);
    }, fail);
  });
}
