import type { WorkerApi } from './workerApi.js';

/**
 * The page↔worker messages that carry `WorkerApi` calls. A call names its method; an argument
 * that is a function travels as a MessagePort (listed in `ports` by position), each call of it a
 * message of its arguments. Every call is answered under its id, with its value or its error's message.
 */
export interface WorkerCall {
  id: string;
  method: keyof WorkerApi;
  args: unknown[];
  ports: number[];
}
export type WorkerAnswer = { id: string; value: unknown } | { id: string; error: string };

export const WORKER_METHODS = ['start', 'enqueue', 'flush', 'processTrace'] as const satisfies readonly (keyof WorkerApi)[];
