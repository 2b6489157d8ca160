import Database from 'better-sqlite3';
import type { Storage } from '../Storage.js';
import { migrate } from './migrate.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareInsertBeacons } from './prepareInsertBeacons.js';
import { prepareQueries } from './prepareQueries.js';

/**
 * The embedded default: one SQLite file in WAL mode. `synchronous = NORMAL` makes a commit
 * durable against a crash of the process (SIGKILL), which is the promise an acknowledgement
 * makes; `durable: true` (FULL) also survives a power cut, at the cost of an fsync per commit.
 */
export function openSqliteStorage(file: string, { durable = false }: { durable?: boolean } = {}): Storage {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durable ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  migrate(db);
  const insertBeacons = prepareInsertBeacons(db);
  const deleteBefore = prepareDeleteBefore(db);
  const queries = prepareQueries(db);

  return {
    insertBeacons: async (beacons) => insertBeacons(beacons),
    recentViews: async (site, limit) => queries.recentViews(site, limit),
    measureDistributions: async (site, filters) => queries.measureDistributions(site, filters),
    vitals: async (site, filters) => queries.vitals(site, filters),
    vitalSeries: async (site, vital, bucketMs, filters) => queries.vitalSeries(site, vital, bucketMs, filters),
    pages: async (site, filters, limit) => queries.pages(site, filters, limit),
    slowestInteractions: async (site, filters, limit) => queries.slowestInteractions(site, filters, limit),
    frameScripts: async (site, filters, limit) => queries.frameScripts(site, filters, limit),
    events: async (site) => queries.events(site),
    deleteBefore: async (cutoff) => deleteBefore(cutoff),
    close: async () => void db.close(),
  };
}
