import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Every process started here, killed if the test process exits without stopping them. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServerProcess {
  readonly pid: number | undefined;
  /** Starts it again with the same command (after `kill`), and waits until it is ready. */
  start(): Promise<void>;
  /** SIGKILL: what a crash or a power cut does to it. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL after 15 s. */
  stop(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * A server process with its output in `log`, ready once `ready()` says so; fails with the log's
 * tail if the process exits first or `timeoutMs` passes.
 */
export function serverProcess(command: string, args: string[], log: string, ready: () => Promise<boolean>, timeoutMs = 30_000): ServerProcess {
  let child: ChildProcess | undefined;
  let ending = false;
  const start = async () => {
    const out = openSync(log, 'a');
    const started = spawn(command, args, { stdio: ['ignore', out, out] });
    child = started;
    ending = false;
    running.add(started);
    started.once('exit', (code, signal) => {
      running.delete(started);
      // A server that dies on its own fails a test far from here: say where and why, while its log is there.
      if (!ending) {
        // ClickHouse writes its errors to server.err.log beside its output (writeServerConfig.ts).
        const errors = join(dirname(log), 'server.err.log');
        const tail = (file: string) => readFileSync(file, 'utf8').slice(-1500);
        console.error(`${command} exited on its own (${code ?? signal}):\n${tail(log)}${existsSync(errors) ? tail(errors) : ''}`);
      }
    });
    const until = Date.now() + timeoutMs;
    while (!(await ready().catch(() => false))) {
      if (started.exitCode !== null || started.signalCode !== null)
        throw new Error(`${command} exited (${started.exitCode ?? started.signalCode}); see ${log}`);
      if (Date.now() > until) throw new Error(`${command} not ready after ${timeoutMs} ms; see ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    if (!child) return;
    ending = true;
    const target = child;
    target.kill(name);
    await exited(target);
  };
  return {
    get pid() {
      return child?.pid;
    },
    start,
    kill: () => signal('SIGKILL'),
    stop: async () => {
      if (!child) return;
      ending = true;
      const target = child;
      const timer = setTimeout(() => target.kill('SIGKILL'), 15_000);
      await signal('SIGTERM');
      clearTimeout(timer);
    },
  };
}
