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
  parentPort?.on('message', ({ id, method, args }: ThreadCall) => {
    let answer: ThreadAnswer;
    try {
      if (method === 'close') {
        db.close();
        answer = { id, result: null };
      } else {
        const run = methods[method];
        if (!run) throw new Error(`no method ${method}`);
        answer = { id, result: run(...(args as never[])) };
      }
    } catch (error) {
      answer = { id, error: error instanceof Error ? error.message : String(error) };
    }
    parentPort?.postMessage(answer);
  });
}
