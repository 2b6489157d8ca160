#!/usr/bin/env node
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createCollector } from './createCollector.js';
import { sourcemapsCommand } from './profiles/sourcemapsCommand.js';
import { openSqliteStorage } from './storage/sqlite/openSqliteStorage.js';

const usage = `usage: pageprof serve [--port 8080] [--host 127.0.0.1] [--db pageprof.db] [--log-level warn]`;

async function serve(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string', default: process.env.PORT ?? '8080' },
      host: { type: 'string', default: process.env.HOST ?? '127.0.0.1' },
      db: { type: 'string', default: process.env.PAGEPROF_DB ?? 'pageprof.db' },
      'log-level': { type: 'string', default: process.env.PAGEPROF_LOG_LEVEL ?? 'warn' },
    },
  });
  const root = fileURLToPath(new URL('..', import.meta.url));
  const app = createCollector({ storage: openSqliteStorage(values.db), root, logLevel: values['log-level'] });
  await app.listen({ port: Number(values.port), host: values.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : values.port;
  const origin = `http://${values.host}:${port}`;
  console.log(`pageprof collector listening on ${origin}`);
  console.log(`  demo app:   ${origin}/demo/`);
  console.log(`  dashboard:  ${origin}/dashboard/`);
  console.log(`  beacons:    ${origin}/v1/beacon  (SQLite: ${values.db})`);

  const shutdown = () => void app.close().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const [command, ...rest] = process.argv.slice(2);
if (command === 'serve') {
  serve(rest).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
} else if (command === 'sourcemaps') {
  sourcemapsCommand(rest).then((code) => process.exit(code), (error: unknown) => (console.error(error), process.exit(1)));
} else {
  console.error(usage);
  process.exit(command === undefined || command === '--help' ? 0 : 2);
}
