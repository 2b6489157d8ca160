import { existsSync } from 'node:fs';
import { backupDatabase } from '../storage/sqlite/backupDatabase.js';
import { storageSpec, type StorageSpec } from '../storage/storageSpec.js';
import { parseFlags, UsageError, usersMistake } from './parseFlags.js';

const usage = `usage: pageprof backup --to FILE [--storage sqlite:pageprof.db | --db PATH]
Copies the collector's SQLite file to FILE (a new file) with SQLite's online backup, safe while
the collector serves: the copy holds every beacon acknowledged before it began. To restore, stop
the collector and start it on the copy (pageprof serve --db FILE), or move the copy in place of
the old file, removing that file's -wal and -shm beside it first.`;

/** `pageprof backup --to FILE`: an online copy of the SQLite database. Returns the exit code. */
export async function backupCommand(args: string[]): Promise<number> {
  const { values } = parseFlags('backup', args, {
    to: { type: 'string' },
    storage: { type: 'string', default: process.env.PAGEPROF_STORAGE },
    db: { type: 'string', default: process.env.PAGEPROF_DB },
  });
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.to === undefined) throw new UsageError('pageprof backup: --to FILE is required (the copy to write)');
  if (values.storage !== undefined && values.db !== undefined) throw new UsageError('give --storage or --db, not both');
  const from = sqliteFile(usersMistake(() => storageSpec(values.storage ?? `sqlite:${values.db ?? 'pageprof.db'}`)));
  const to = sqliteFile(usersMistake(() => storageSpec(values.to as string)));
  if (existsSync(to)) throw new UsageError(`pageprof backup: ${to} already exists; a backup never overwrites a file`);
  if (!existsSync(from)) throw new UsageError(`pageprof backup: no SQLite file ${from}`);
  const pages = await backupDatabase(from, to);
  console.log(`backed up ${from} to ${to} (${pages} pages)`);
  return 0;
}

/** Backup copies SQLite files; ClickHouse backs itself up (README: Backup, restore, upgrade). */
function sqliteFile(spec: StorageSpec): string {
  if (spec.kind !== 'sqlite')
    throw new UsageError('pageprof backup: copies SQLite files; back ClickHouse up with its own BACKUP DATABASE (README: Backup, restore, upgrade)');
  return spec.file;
}
