import Database from 'better-sqlite3';

/** As many pages as one backup step takes (SQLite's int): every page of any file, at once. */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies a collector's SQLite file to a new file `to` with SQLite's online backup API, safe while a
 * collector serves on it: after the first (empty) step, every page is copied in one step, so within
 * one read transaction, and WAL lets the collector go on committing meanwhile. (In steps of 100
 * pages, better-sqlite3's default, any commit between two steps restarts the copy from the first
 * page: a steady stream of beacons could keep it from ever finishing.) The copy holds every
 * beacon committed before that step began. Returns the pages copied.
 */
export async function backupDatabase(from: string, to: string): Promise<number> {
  const db = new Database(from, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(to, { progress: () => ALL_PAGES });
    return totalPages;
  } finally {
    db.close();
  }
}
