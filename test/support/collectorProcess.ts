import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The token the collectors tests start take for `/metrics` (`--metrics-token`). */
export const METRICS_TOKEN = 'test-metrics-token-of-at-least-32-characters';

export interface CollectorProcess {
  origin: string;
  /** The demo site's read and upload tokens, as printed at start (undefined with `--config`). */
  readToken: string | undefined;
  uploadToken: string | undefined;
  /** `GET /metrics`, with the metrics token. */
  metrics(): Promise<string>;
  /** Everything the process printed so far (its banner and JSON logs). */
  output(): string;
  dbFile: string;
  process: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts the built collector (`dist/cli.mjs serve`, or the `cli` given) as a real process on a free port, on a new
 * SQLite file, `dbFile`, or `storage` (`--storage clickhouse:URL`); `cli` runs another build of it;
 * `env` replaces its environment.
 */
export async function startCollector(
  options: { dbFile?: string; storage?: string; port?: number; args?: string[]; env?: NodeJS.ProcessEnv; cli?: string } = {},
): Promise<CollectorProcess> {
  const dbFile = options.dbFile ?? join(mkdtempSync(join(tmpdir(), 'pageprof-')), 'pageprof.db');
  const storage = options.storage === undefined ? ['--db', dbFile] : ['--storage', options.storage];
  const child = spawn(
    process.execPath,
    [
      options.cli ?? join(projectRoot, 'dist/cli.mjs'),
      'serve',
      '--port',
      String(options.port ?? 0),
      ...storage,
      '--metrics-token',
      METRICS_TOKEN,
      ...(options.args ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env },
  );
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`collector did not start:\n${output}`)), 15_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // The banner is printed at once after listening; wait for its last line.
      const match = /listening on (http:\/\/\S+)[\s\S]*(read token: \S+|\(sites: [^)]*\))\n/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}:\n${output}`)));
  });
  return {
    origin,
    readToken: /read token: (\S+)/.exec(output)?.[1],
    uploadToken: /upload token: (\S+)/.exec(output)?.[1],
    metrics: async () => (await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text(),
    output: () => output,
    dbFile,
    process: child,
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
