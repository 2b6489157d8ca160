import type Database from 'better-sqlite3';
import { parentPort } from 'node:worker_threads';

export interface ThreadCall {
  id: number;
  method: string;
  args: unknown[];
}
export type ThreadAnswer = { id: number; result: unknown } | { id: number; error: string };

/**
 * A SQLite thread's side of startSqliteThread.ts: runs each call on `methods`, in the order they
 * came, and answers it; `close` closes the thread's database.
 */
export function serveCalls(db: Database.Database, methods: Record<string, (...args: never[]) => unknown>): void {
  const fail = (id: number, error: unknown): ThreadAnswer => ({ id, error: error instanceof Error ? error.message : String(error) });
  parentPort?.on('message', ({ id, method, args }: ThreadCall) => {
    try {
      if (method === 'close') {
        db.close();
        return parentPort?.postMessage({ id, result: null } satisfies ThreadAnswer);
      }
      const run = methods[method];
      if (!run) throw new Error(`no method ${method}`);
      // A method may answer with a promise (the profile side's async interface): it settles
      // within the same turn, since SQLite here is synchronous, so calls still answer in order.
      Promise.resolve(run(...(args as never[]))).then(
        (result) => parentPort?.postMessage({ id, result } satisfies ThreadAnswer),
        (error: unknown) => parentPort?.postMessage(fail(id, error)),
      );
    } catch (error) {
      parentPort?.postMessage(fail(id, error));
    }
  });
}
