import { spawn, type ChildProcess } from 'node:child_process';
import { openSync } from 'node:fs';

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

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * A server process with its output in `log`, ready once `ready()` says so; fails with the log's
 * tail if the process exits first or `timeoutMs` passes.
 */
export function serverProcess(command: string, args: string[], log: string, ready: () => Promise<boolean>, timeoutMs = 30_000): ServerProcess {
  let child: ChildProcess | undefined;
  const start = async () => {
    const out = openSync(log, 'a');
    const started = spawn(command, args, { stdio: ['ignore', out, out] });
    child = started;
    running.add(started);
    started.once('exit', () => running.delete(started));
    const until = Date.now() + timeoutMs;
    while (!(await ready().catch(() => false))) {
      if (started.exitCode !== null || started.signalCode !== null) throw new Error(`${command} exited (${started.exitCode ?? started.signalCode}); see ${log}`);
      if (Date.now() > until) throw new Error(`${command} not ready after ${timeoutMs} ms; see ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const signal = async (name: NodeJS.Signals) => {
    if (!child) return;
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
      const target = child;
      const timer = setTimeout(() => target.kill('SIGKILL'), 15_000);
      await signal('SIGTERM');
      clearTimeout(timer);
    },
  };
}
