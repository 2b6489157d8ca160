import type { Beacon } from '../protocol/beacon.js';
import type { WorkerApi, WorkerConfig } from '../protocol/workerApi.js';
import { openOutbox, type Outbox } from './outbox.js';
import { processTrace } from './profile/processTrace.js';
import { upload } from './upload.js';

/** What the worker needs from its global scope; passed in so tests can run it outside a worker. */
export interface WorkerScope {
  fetch: typeof fetch;
  indexedDB?: IDBFactory;
  setTimeout: typeof setTimeout;
  addEventListener(type: 'online', listener: () => void): void;
}

const FIRST_RETRY_MS = 1000;
const LAST_RETRY_MS = 60_000;

/**
 * The worker side of delivery: every batch is written to the outbox before it is sent and removed
 * only once the collector acknowledged (or refused it for good). Uploads run one at a time, oldest
 * first; failures back off exponentially and resume when the browser comes back online.
 */
export function createWorkerApi(scope: WorkerScope): WorkerApi {
  let config: WorkerConfig | undefined;
  let onAcknowledged: (ids: string[]) => void = () => {};
  let outbox: Promise<Outbox> | undefined;
  let draining: Promise<void> = Promise.resolve();
  let retryDelay = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  function drain(): Promise<void> {
    draining = draining.then(drainOnce, drainOnce);
    return draining;
  }

  async function drainOnce(): Promise<void> {
    if (!config || !outbox) return;
    const box = await outbox;
    for (const batch of await box.list()) {
      const result = await upload(scope.fetch, config.endpoint, batch);
      if (result === 'retry') {
        scheduleRetry();
        return;
      }
      await box.remove(batch.id);
      retryDelay = FIRST_RETRY_MS;
      onAcknowledged([batch.id]);
    }
  }

  function scheduleRetry(): void {
    if (retryTimer !== undefined) return;
    const jittered = retryDelay * (0.5 + Math.random() / 2);
    retryDelay = Math.min(retryDelay * 2, LAST_RETRY_MS);
    retryTimer = scope.setTimeout(() => {
      retryTimer = undefined;
      void drain();
    }, jittered);
  }

  async function enqueue(batch: Beacon): Promise<void> {
    if (!outbox) throw new Error('pageprof worker: enqueue before start');
    await (await outbox).put(batch);
    void drain();
  }

  scope.addEventListener('online', () => void drain());

  return {
    async start(nextConfig, callback) {
      config = nextConfig;
      onAcknowledged = callback;
      outbox = openOutbox(scope.indexedDB);
      await outbox;
      void drain();
    },
    enqueue,
    flush: drain,
    async processTrace(window, exitBatch) {
      const event = processTrace(window);
      if (!exitBatch) return event;
      await enqueue({ ...exitBatch, events: [event] });
      return undefined;
    },
  };
}
