// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/collectorProcess.js';

/**
 * Tests assert through the query API, not on the collector's tables: a test that reads SQLite
 * breaks under another adapter or the next migration (issue 15). Only the SQLite adapter's own
 * tests may open its file, and only the ClickHouse adapter's own tests (clickhouse*.test.ts) its
 * tables. The benchmarks measure that adapter itself (its file's size, rows seeded in bulk) and
 * are no tests.
 */
const ALLOWED = new Set([
  'test/collector/sqliteStorage.test.ts',
  // Hands a test's database file to the collector process it starts, and to nothing else.
  'test/support/collectorProcess.ts',
]);
const SKIPPED = ['test/bench/'];
/** The ClickHouse adapter's own tests, and the support that starts their servers. */
const CLICKHOUSE_OWN = /^test\/(collector\/clickhouse\w*\.test\.ts|support\/clickhouse\/)/;

/** A SQLite driver or shell, by module or command name. */
const SQLITE = /['"](better-sqlite3|node:sqlite|sqlite3)['"]/;
/** A collector's database file, except where a collector is started on it again. */
const DB_FILE = /\.dbFile\b/g;
const RESTART = /startCollector\(\{\s*dbFile:\s*[\w.]+\.dbFile\b/g;
/** The adapter opened beside a collector process started on a given file: the collector's file. */
const SQLITE_ADAPTER = /\b(openSqliteStorage|openDatabase)\(/;
const STARTED_ON_FILE = /startCollector\(\{\s*dbFile\b/;
/** A ClickHouse client: the driver, the adapter's connection, or the shell. */
const CLICKHOUSE = /['"](@clickhouse\/client|clickhouse-client)['"]|\bconnectClickHouse\(/;

/** What in a file's source reads the collector's database around the query API. */
function databaseReads(source: string): string[] {
  const found: string[] = [];
  const driver = SQLITE.exec(source);
  if (driver) found.push(`uses ${driver[1]}`);
  if ((source.replace(RESTART, '').match(DB_FILE) ?? []).length > 0) found.push("reads a collector's dbFile");
  if (STARTED_ON_FILE.test(source) && SQLITE_ADAPTER.test(source)) found.push('opens the SQLite adapter on the file a collector process is started on');
  if (CLICKHOUSE.test(source)) found.push('queries ClickHouse');
  return found;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|js|mjs|cjs)$/.test(entry.name) ? [relative(projectRoot, path)] : [];
  });
}

describe('tests read the collector through its query API', () => {
  it("no test but the SQLite adapter's own opens its database", () => {
    const self = relative(projectRoot, fileURLToPath(import.meta.url));
    const files = sourceFiles(join(projectRoot, 'test')).filter(
      (file) => file !== self && !ALLOWED.has(file) && !CLICKHOUSE_OWN.test(file) && !SKIPPED.some((dir) => file.startsWith(dir)),
    );
    expect(files.length).toBeGreaterThan(50);
    const reads = files.flatMap((file) => databaseReads(readFileSync(join(projectRoot, file), 'utf8')).map((read) => `${file} ${read}`));
    expect(reads).toEqual([]);
  });

  it('catches each way a test would read it', () => {
    expect(databaseReads("import Database from 'better-sqlite3';")).toEqual(['uses better-sqlite3']);
    expect(databaseReads("const { DatabaseSync } = await import('node:sqlite');")).toEqual(['uses node:sqlite']);
    expect(databaseReads("execFile('sqlite3', [collector.dbFile, 'SELECT 1'])")).toEqual(['uses sqlite3', "reads a collector's dbFile"]);
    expect(databaseReads('queryDatabase(collector.dbFile, sql)')).toEqual(["reads a collector's dbFile"]);
    expect(databaseReads('const storage = openSqliteStorage(dbFile);\nawait startCollector({ dbFile, args });')).toEqual([
      'opens the SQLite adapter on the file a collector process is started on',
    ]);
    expect(databaseReads("rig.collector = await startCollector({ dbFile: rig.collector.dbFile, args: ['--x'] });")).toEqual([]);
    expect(databaseReads("createCollector({ storage: openSqliteStorage(':memory:') });")).toEqual([]);
    expect(databaseReads("import { createClient } from '@clickhouse/client';")).toEqual(['queries ClickHouse']);
    expect(databaseReads("execFileSync('clickhouse-client', ['--query', sql]);")).toEqual(['queries ClickHouse']);
    expect(databaseReads('const clickhouse = connectClickHouse(parseClickHouseUrl(url));')).toEqual(['queries ClickHouse']);
    expect(CLICKHOUSE_OWN.test('test/collector/clickhouseCluster.test.ts')).toBe(true);
    expect(CLICKHOUSE_OWN.test('test/collector/storageContract.test.ts')).toBe(false);
    expect(databaseReads(readFileSync(join(projectRoot, 'test/collector/sqliteStorage.test.ts'), 'utf8'))).toContain('uses better-sqlite3');
  });
});
