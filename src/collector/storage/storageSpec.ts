import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseClickHouseUrl, type ClickHouseTarget } from './clickhouse/parseClickHouseUrl.js';

/**
 * Where `--storage` says the data goes: `sqlite:PATH` (the default, `sqlite:./pageprof.db`) or
 * `clickhouse:URL` (`url` as given, for the adapter; `target` checked, for what may be printed).
 */
export type StorageSpec = { kind: 'sqlite'; file: string } | { kind: 'clickhouse'; url: string; target: ClickHouseTarget };

const CLICKHOUSE = 'clickhouse:';

/** The `--storage` value (or `--db`'s path), checked: an unknown kind, a bad ClickHouse URL or a SQLite file in a missing folder is said in one line. */
export function storageSpec(value: string): StorageSpec {
  if (value.startsWith(CLICKHOUSE)) return clickHouseSpec(value.slice(CLICKHOUSE.length));
  const file = value.startsWith('sqlite:') ? value.slice('sqlite:'.length) : value;
  if (/^[a-z]+:/i.test(file) && !/^[a-z]:[\\/]/i.test(file)) throw new Error(`--storage must be sqlite:PATH or clickhouse:URL, not '${value}'`);
  if (file === '') throw new Error('--storage sqlite: needs a file path');
  const folder = dirname(resolve(file));
  if (file !== ':memory:' && (!existsSync(folder) || !statSync(folder).isDirectory()))
    throw new Error(`the folder of the SQLite file ${file} does not exist: ${folder}`);
  return { kind: 'sqlite', file };
}

/** A URL that does not parse is not echoed: it may hold a password. */
function clickHouseSpec(url: string): StorageSpec {
  if (!URL.canParse(url)) throw new Error('--storage clickhouse: needs a URL, http://USER:PASSWORD@HOST:8123/DATABASE');
  return { kind: 'clickhouse', url, target: parseClickHouseUrl(url) };
}
