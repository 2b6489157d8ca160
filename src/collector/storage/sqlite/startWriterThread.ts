import { Worker } from 'node:worker_threads';
import type { Removed } from '../Storage.js';
import type { BeaconRows } from './toBeaconRows.js';
import type { WriterAnswer, WriterRequest } from './writerThread.js';

type Request = WriterRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/**
 * Runs SQLite writes on a worker thread (`script` is the built writerThread.mjs): one core parses
 * and validates beacons while another commits them. The writes (~100–250 µs per 13-event beacon
 * measured here) are the larger half of a beacon's cost, so this is the answer when one core is
 * not enough. Beacons travel as their rows' values (toBeaconRows.ts), made on the request thread:
 * their structured clone costs the writer thread ~8 µs a beacon, where parsing the beacon's JSON
 * again and shaping its rows cost it ~23 µs.
 */
export function startWriterThread(script: string | URL, file: string, durable: boolean) {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 0;
  let worker: Worker | undefined;

  function spawn(): Worker {
    const started = new Worker(script, { workerData: { file, durable } });
    started.on('message', (answer: WriterAnswer) => {
      const waiting = pending.get(answer.id);
      pending.delete(answer.id);
      if ('error' in answer) waiting?.reject(new Error(answer.error));
      else waiting?.resolve(answer.result);
    });
    // A writer that died takes its unanswered requests with it (they were not committed, so
    // they were not acknowledged either); the next request starts a new one.
    started.on('exit', () => {
      worker = undefined;
      for (const waiting of pending.values()) waiting.reject(new Error('SQLite writer thread exited'));
      pending.clear();
    });
    started.on('error', () => undefined);
    return started;
  }

  function ask<T>(request: Request): Promise<T> {
    worker ??= spawn();
    const id = nextId++;
    const answer = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
    worker.postMessage({ ...request, id });
    return answer;
  }

  return {
    writeRows: (beacons: readonly BeaconRows[]) => ask<{ duplicate: boolean; rows: number }[]>({ insert: beacons }),
    deleteBefore: (cutoff: number) => ask<Removed>({ deleteBefore: cutoff }),
    async close(): Promise<void> {
      if (!worker) return;
      const exited = new Promise((resolve) => worker?.once('exit', resolve));
      await ask({ close: true });
      await worker?.terminate();
      await exited;
    },
  };
}
