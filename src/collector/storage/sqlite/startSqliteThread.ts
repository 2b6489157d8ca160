import { Worker } from 'node:worker_threads';
import type { ThreadAnswer, ThreadCall } from './serveCalls.js';

/**
 * Calls the methods a SQLite thread serves (serveCalls.ts) from the collector's thread. `script`
 * is the thread's built entry; it is started at the first call. A thread that dies takes its
 * unanswered calls with it (they reject), and the next call starts a new one.
 */
export function startSqliteThread(script: string | URL, workerData: unknown) {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let worker: Worker | undefined;

  function spawn(): Worker {
    const started = new Worker(script, { workerData });
    started.on('message', (answer: ThreadAnswer) => {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if ('error' in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.result);
    });
    started.on('exit', () => {
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('SQLite thread exited'));
      pending.clear();
    });
    started.on('error', () => undefined);
    return started;
  }

  function call<T>(method: string, args: unknown[]): Promise<T> {
    worker ??= spawn();
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    worker.postMessage({ id, method, args } satisfies ThreadCall);
    return answer;
  }

  return {
    call,
    /** Calls sent and not answered yet. */
    waiting: () => pending.size,
    /** Closes the thread's database (after the calls already sent), then ends the thread. */
    async close(): Promise<void> {
      if (!worker) return;
      const exited = new Promise((resolve) => worker?.once('exit', resolve));
      await call('close', []);
      await worker?.terminate();
      await exited;
    },
  };
}
