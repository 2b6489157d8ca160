#!/usr/bin/env node
import { VERSION } from '../../protocol/version.js';
import { backupCommand } from './backupCommand.js';
import { migrateCommand } from './migrateCommand.js';
import { checkCommand } from './checkCommand.js';
import { nearest, UsageError } from './parseFlags.js';
import { serveCommand } from './serveCommand.js';
import { sourcemapsCommand } from './sourcemapsCommand.js';

/** Each command: what it does in a line, and how it runs (the exit code, or undefined while it serves). */
const commands: Record<string, { summary: string; run(args: string[]): Promise<number | undefined> }> = {
  serve: { summary: 'run the collector: beacons, query API, dashboard (and the demo without --config)', run: serveCommand },
  backup: { summary: 'copy the SQLite database while serving: pageprof backup --to FILE [--db PATH]', run: backupCommand },
  migrate: { summary: 'copy a SQLite database to ClickHouse: pageprof migrate --from sqlite:PATH --to clickhouse:URL', run: migrateCommand },
  check: { summary: 'check a release against budgets, exit 1 when one is over: pageprof check --site S --release R --token T', run: checkCommand },
  sourcemaps: { summary: "upload a release's source maps: pageprof sourcemaps upload <dir> --release R --token T", run: sourcemapsCommand },
};

const usage = `pageprof ${VERSION}: in-page performance, measured, profiled and served
usage: pageprof <command> [options]      pageprof <command> --help for its options
${Object.entries(commands)
  .map(([name, { summary }]) => `  ${name.padEnd(11)} ${summary}`)
  .join('\n')}
  --version   print the version`;

const [command, ...rest] = process.argv.slice(2);
const fail = (error: unknown) => {
  // A user's mistake (a flag, a config file, a folder) is one line, never a stack trace.
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(error instanceof UsageError ? 2 : 1);
};
if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
  console.log(usage);
} else if (command === '--version' || command === '-v') {
  console.log(VERSION);
} else if (commands[command]) {
  commands[command].run(rest).then((code) => code !== undefined && process.exit(code), fail);
} else {
  fail(new UsageError(`pageprof: unknown command '${command}'${nearest(command, Object.keys(commands))}; pageprof --help lists them`));
}
