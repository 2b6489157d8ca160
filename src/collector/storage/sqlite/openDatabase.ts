import Database from 'better-sqlite3';

/**
 * A connection with the settings every connection to the file needs. WAL lets the query API read
 * while the writer commits. `synchronous = NORMAL` makes a commit durable against a crash of the
 * process (SIGKILL), which is the promise an acknowledgement makes; `durable` (FULL) also
 * survives a power cut, at the cost of an fsync per commit.
 */
export function openDatabase(file: string, durable: boolean): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // Inserts land at random places in the batch-id and view-id indexes: keep their pages in memory.
  db.pragma('cache_size = -65536');
  return db;
}
