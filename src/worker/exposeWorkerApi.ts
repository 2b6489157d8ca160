import type { WorkerApi } from '../protocol/workerApi.js';
import { WORKER_METHODS, type WorkerAnswer, type WorkerCall } from '../protocol/workerWire.js';

/** The part of the worker's global scope that carries the page's calls. */
interface CallScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerCall>) => void): void;
  postMessage(answer: WorkerAnswer): void;
}

/** Answers the page's calls of `api` (workerWire.ts); a call's error goes back as its message, never lost. */
export function exposeWorkerApi(api: WorkerApi, scope: CallScope): void {
  scope.addEventListener('message', ({ data }: MessageEvent<WorkerCall>) => {
    if (!data || !(WORKER_METHODS as readonly string[]).includes(data.method)) return;
    const args = data.args.map((arg, index) => (data.ports.includes(index) ? (...callArgs: unknown[]) => (arg as MessagePort).postMessage(callArgs) : arg));
    const method = api[data.method] as (...callArgs: unknown[]) => Promise<unknown>;
    Promise.resolve()
      .then(() => method.apply(api, args))
      .then(
        (value): WorkerAnswer => ({ id: data.id, value }),
        (error: unknown): WorkerAnswer => ({ id: data.id, error: error instanceof Error ? error.message : String(error) }),
      )
      .then((answer) => scope.postMessage(answer));
  });
}
