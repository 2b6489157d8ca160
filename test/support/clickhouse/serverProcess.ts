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
  /** How many times it died on its own (restarted, with `restartOnCrash`). */
  readonly crashes: number;
  /** Resolves once it serves again after a crash's restart (at once when it was not restarting). */
  restarted(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/**
 * A server process with its output in `log`, ready once `ready()` says so; fails with the log's
 * tail if the process exits first or `timeoutMs` passes. With `restartOnCrash`, one that dies on
 * its own is started again, as the supervisor README's "Scale-out" asks for would.
 */
export function serverProcess(
  command: string,
  args: string[],
  log: string,
  ready: () => Promise<boolean>,
  { timeoutMs = 30_000, restartOnCrash = false }: { timeoutMs?: number; restartOnCrash?: boolean } = {},
): ServerProcess {
  let child: ChildProcess | undefined;
  let ending = false;
  let crashes = 0;
  let restarting: Promise<void> = Promise.resolve();
  const start = async () => {
    const out = openSync(log, 'a');
    const started = spawn(command, args, { stdio: ['ignore', out, out] });
    child = started;
    ending = false;
    running.add(started);
    let serving = false;
    started.once('exit', (code, signal) => {
      running.delete(started);
      // A server that dies on its own fails a test far from here: say where and why, while its log is there.
      if (!ending) {
        crashes++;
        // ClickHouse writes its errors to server.err.log beside its output (writeServerConfig.ts).
        const errors = join(dirname(log), 'server.err.log');
        const tail = (file: string) => readFileSync(file, 'utf8').slice(-1500);
        console.error(`${command} exited on its own (${code ?? signal}):\n${tail(log)}${existsSync(errors) ? tail(errors) : ''}`);
        // ClickHouse 18.16 segfaults now and then in zkutil::ZooKeeper::createImpl (a replicated
        // mutation, a busy machine): started again, it catches up from ZooKeeper and its replica.
        // Only a crash of a server that was serving and is still the current one: a start that
        // fails is its caller's to handle (a replica started while ZooKeeper holds its old session).
        if (restartOnCrash && serving && child === started) {
          restarting = start().catch((error: unknown) => console.error(`${command} did not start again: ${String(error)}`));
        }
      }
    });
    const until = Date.now() + timeoutMs;
    while (!(await ready().catch(() => false))) {
      if (started.exitCode !== null || started.signalCode !== null)
        throw new Error(`${command} exited (${started.exitCode ?? started.signalCode}); see ${log}`);
      if (Date.now() > until) throw new Error(`${command} not ready after ${timeoutMs} ms; see ${log}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    serving = true;
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
    get crashes() {
      return crashes;
    },
    restarted: () => restarting,
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
