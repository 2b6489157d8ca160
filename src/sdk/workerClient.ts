import type { WorkerApi } from '../protocol/workerApi.js';
import { WORKER_METHODS, type WorkerAnswer, type WorkerCall } from '../protocol/workerWire.js';
import { randomId } from './randomId.js';

/**
 * The worker's API as the page calls it (workerWire.ts): each method posts a call and resolves
 * with its answer; a function argument is handed a MessagePort of its own. Comlink did this
 * before, on both sides, for ~1.3 KB of the page's gzip and as much of the worker's.
 */
export function workerClient(worker: Worker): WorkerApi {
  const pending = new Map<string, { resolve(value: unknown): void; reject(error: Error): void }>();
  worker.addEventListener('message', ({ data }: MessageEvent<WorkerAnswer>) => {
    const call = pending.get(data?.id);
    if (!call) return;
    pending.delete(data.id);
    if ('error' in data) call.reject(new Error(data.error));
    else call.resolve(data.value);
  });
  const apply = (method: WorkerCall['method'], args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = randomId();
      pending.set(id, { resolve, reject });
      const transfer: MessagePort[] = [];
      const ports: number[] = [];
      const wired = args.map((arg, index) => {
        if (typeof arg !== 'function') return arg;
        const { port1, port2 } = new MessageChannel();
        port1.onmessage = ({ data }: MessageEvent<unknown[]>) => void (arg as (...callArgs: unknown[]) => unknown)(...data);
        transfer.push(port2);
        ports.push(index);
        return port2;
      });
      worker.postMessage({ id, method, args: wired, ports } satisfies WorkerCall, transfer);
    });
  return Object.fromEntries(WORKER_METHODS.map((method) => [method, (...args: unknown[]) => apply(method, args)])) as unknown as WorkerApi;
}
