import { proxy, wrap, type Remote } from 'comlink';
import type { WorkerApi, WorkerConfig } from '../protocol/workerApi.js';

/**
 * Starts the worker from its inlined source through a Blob URL, so it works when the script is
 * served from another origin. Under a CSP without `worker-src blob:` the constructor does not
 * throw: an `error` event arrives instead (browser-notes), and `onFailure` hands delivery back to
 * the page. Returns undefined where workers cannot start at all.
 */
export function startWorker(
  source: string,
  config: WorkerConfig,
  onAcknowledged: (ids: string[]) => void,
  onFailure: () => void,
): Remote<WorkerApi> | undefined {
  if (typeof Worker !== 'function' || typeof Blob !== 'function' || typeof URL.createObjectURL !== 'function') {
    return undefined;
  }
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })));
  } catch {
    return undefined;
  }
  worker.addEventListener('error', onFailure, { once: true });
  const api = wrap<WorkerApi>(worker);
  api.start(config, proxy(onAcknowledged)).catch(onFailure);
  return api;
}
