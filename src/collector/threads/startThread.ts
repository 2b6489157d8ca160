import { wrap, type Remote } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread whose entry `expose`s an API with Comlink, started at the first call. Comlink
 * alone leaves a call pending forever when its thread dies (a map too big for its heap, say):
 * here the calls pending then reject at once, and the next call starts a new thread.
 */
export function startThread<Api>(script: string | URL, workerData: unknown) {
  let current: { worker: Worker; remote: Remote<Api>; exited: Promise<never> } | undefined;

  function running() {
    if (current) return current;
    const worker = new Worker(script, { workerData });
    // A thread never keeps the collector alive: its callers are requests, and shutdown closes it.
    worker.unref();
    const started = {
      worker,
      remote: wrap<Api>(nodeEndpoint(worker)),
      exited: new Promise<never>((_, reject) =>
        worker.once('exit', (code) => {
          if (current === started) current = undefined;
          reject(new Error(`thread ${String(script)} exited with code ${code}`));
        }),
      ),
    };
    started.exited.catch(() => undefined);
    // 'error' is followed by 'exit', which rejects what was pending.
    worker.on('error', () => undefined);
    return (current = started);
  }

  let waiting = 0;
  return {
    call<R>(use: (remote: Remote<Api>) => Promise<R>): Promise<R> {
      const thread = running();
      waiting++;
      return Promise.race([use(thread.remote), thread.exited]).finally(() => waiting--);
    },
    /** Calls made and not answered yet. */
    waiting: () => waiting,
    /** Ends the thread; `before` runs on it first (closing its database, say) when it is running. */
    async close(before?: (remote: Remote<Api>) => Promise<unknown>): Promise<void> {
      const closing = current;
      if (closing && before) await Promise.race([before(closing.remote), closing.exited]).catch(() => undefined);
      current = undefined;
      await closing?.worker.terminate();
    },
  };
}
