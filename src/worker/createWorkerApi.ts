import type { Beacon } from '../protocol/beacon.js';
import type { Enqueued, WorkerApi, WorkerConfig } from '../protocol/workerApi.js';
import { openOutbox, type Outbox } from './outbox.js';
import { loadProcessTrace } from './profile/loadProcessTrace.js';
import { upload } from './upload.js';
import { retryDelay } from '../protocol/retryDelay.js';

/** What the worker needs from its global scope; passed in so tests can run it outside a worker. */
export interface WorkerScope {
  fetch: typeof fetch;
  indexedDB?: IDBFactory;
  setTimeout: typeof setTimeout;
  navigator?: { onLine?: boolean; locks?: Pick<LockManager, 'request'> };
  BroadcastChannel?: typeof BroadcastChannel;
  addEventListener(type: 'online', listener: () => void): void;
  importScripts?(...urls: string[]): void;
}

/**
 * The worker side of delivery: every batch is written to the outbox before it is sent and removed
 * only once the collector acknowledged (or refused it for good, which is counted as a drop).
 * Uploads run one at a time, oldest first, and, where Web Locks exist, in one tab at a time:
 * the tabs of a site share the outbox, so two uploaders would send the same batch twice. Failures
 * back off exponentially with jitter (or as long as `Retry-After` says), nothing is tried while
 * the browser is offline, and `online` resumes at once.
 */
export function createWorkerApi(scope: WorkerScope): WorkerApi {
  let config: WorkerConfig | undefined;
  let onSettled: (ids: string[]) => void = () => {};
  let outbox: Promise<Outbox> | undefined;
  let writes: Promise<unknown> = Promise.resolve();
  let draining: Promise<void> = Promise.resolve();
  let failures = 0;
  let notBefore = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** The Web Lock's and BroadcastChannel's name: the outbox's, per origin and scope. */
  let channelName = '';
  let channel: BroadcastChannel | undefined;

  /** Tells this tab's page, and through the channel every other tab's, to forget these batches. */
  function settle(ids: string[]): void {
    if (ids.length === 0) return;
    onSettled(ids);
    channel?.postMessage(ids);
  }

  function drain(): Promise<void> {
    draining = draining.then(drainOnce, drainOnce);
    return draining;
  }

  async function drainOnce(): Promise<void> {
    if (!config || !outbox || scope.navigator?.onLine === false || performance.now() < notBefore) return;
    const locks = scope.navigator?.locks;
    await (locks ? locks.request(channelName, uploadAll) : uploadAll());
  }

  /**
   * One pass over the outbox, oldest first, but batches that failed before after the others: one
   * the collector always fails (a 500 for that batch alone) would otherwise hold up the queue
   * forever. A failure before anything was stored in the pass may be the collector's (down,
   * busy): the pass ends there and retries later. A failure after the collector stored another
   * batch is the batch's own, and counts towards dropping it (outbox.ts).
   */
  async function uploadAll(): Promise<void> {
    const box = await (outbox as Promise<Outbox>);
    const { endpoint } = config as WorkerConfig;
    const queue = (await box.list()).sort((a, b) => (a.attempts ?? 0) - (b.attempts ?? 0));
    let stored = false;
    let waiting = false;
    for (const { id, batch } of queue) {
      const result = await upload(scope.fetch, endpoint, batch);
      if (result.kind === 'retry') {
        if (await box.failed(id, stored)) settle([id]);
        else waiting = true;
        if (!stored || result.afterMs !== undefined) return scheduleRetry(result.afterMs);
        continue;
      }
      await box.remove(id, result.kind === 'rejected');
      failures = 0;
      stored = true;
      settle([id]);
    }
    if (waiting) scheduleRetry(undefined);
  }

  function scheduleRetry(afterMs: number | undefined): void {
    const delay = afterMs ?? retryDelay(failures);
    failures++;
    notBefore = performance.now() + delay;
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = scope.setTimeout(() => {
      // The timer is the permission: it may fire a millisecond before `performance.now()` says so.
      retryTimer = undefined;
      notBefore = 0;
      void drain();
    }, delay);
  }

  async function enqueue(batch: Beacon): Promise<Enqueued> {
    if (!outbox) throw new Error('pageprof worker: enqueue before start');
    const box = outbox;
    const added = box.then((opened) => opened.add(batch));
    writes = added.catch(() => undefined);
    const { evicted, dropped } = await added;
    settle(evicted);
    void drain();
    return { dropped, durable: (await box).durable };
  }

  scope.addEventListener('online', () => {
    notBefore = 0;
    void drain();
  });

  return {
    async start(nextConfig, callback) {
      config = nextConfig;
      onSettled = callback;
      channelName = `pageprof-outbox ${nextConfig.scope}`;
      if (scope.BroadcastChannel) {
        channel = new scope.BroadcastChannel(channelName);
        channel.onmessage = (event: MessageEvent<string[]>) => onSettled(event.data);
      }
      outbox = openOutbox(scope.indexedDB, nextConfig.scope);
      await outbox;
      void drain();
      // A profiled session: the processor is loaded now, not with the first window, which may be
      // the one handed over as the page leaves (loading it then, none of 6 page views left by a
      // navigation without slow work delivered that window; loaded here, 9 of 12).
      const { profilerUrl } = nextConfig;
      if (profilerUrl) {
        scope.setTimeout(() => {
          try {
            loadProcessTrace(scope, profilerUrl);
          } catch {
            // Tried again with the first window, whose failure the page sees.
          }
        });
      }
    },
    enqueue,
    async flush() {
      await writes;
      await drain();
    },
    async processTrace(window) {
      return loadProcessTrace(scope, config?.profilerUrl)(window);
    },
  };
}
