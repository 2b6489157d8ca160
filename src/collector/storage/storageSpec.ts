import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Where `--storage` says the data goes: `sqlite:PATH` (the default, `sqlite:./pageprof.db`). */
export type StorageSpec = { kind: 'sqlite'; file: string };

/** The `--storage` value (or `--db`'s path), checked: an unknown kind or a SQLite file in a missing folder is said in one line. */
export function storageSpec(value: string): StorageSpec {
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (/^[a-z]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) throw new Error(`--storage must be sqlite:PATH, not '${value}'`);
  if (file === '') throw new Error('--storage sqlite: needs a file path');
  const folder = dirname(resolve(file));
  if (file !== ':memory:' && (!existsSync(folder) || !statSync(folder).isDirectory())) throw new Error(`the folder of the SQLite file ${file} does not exist: ${folder}`);
  return { kind: 'sqlite', file };
}
