import { prepareProfileStorage } from '../../profiles/prepareProfileStorage.js';
import type { Storage } from '../Storage.js';
import { migrate } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareQueries } from './prepareQueries.js';
import { prepareWriteRows } from './prepareWriteRows.js';
import { startWriterThread } from './startWriterThread.js';
import { toBeaconRows } from './toBeaconRows.js';

export interface SqliteOptions {
  /** fsync every commit (survives a power cut, not only a crash of the process). */
  durable?: boolean;
  /**
   * The built `writerThread.mjs`: writes then run on their own thread, so that another core
   * commits while the request thread parses and validates (`pageprof serve` does so wherever
   * there is a second core). Without it they run on the caller's thread: less CPU in all (no
   * copy to the thread), but one core does everything.
   */
  writerThread?: string | URL;
}

/** The embedded default: one SQLite file in WAL mode; queries on this thread, writes here or on a writer thread. */
export function openSqliteStorage(file: string, { durable = false, writerThread }: SqliteOptions = {}): Storage {
  const db = openDatabase(file, durable);
  migrate(db);
  const queries = prepareQueries(db);
  const writer = writerThread ? startWriterThread(writerThread, file, durable) : undefined;
  const writeRows = writer ? writer.writeRows : inline(prepareWriteRows(db));
  const deleteBefore = writer ? writer.deleteBefore : inline(prepareDeleteBefore(db));

  return {
    insertBeacons: async (beacons) => writeRows(beacons.map(toBeaconRows)),
    deleteBefore,
    recentViews: async (site, filters, limit) => queries.recentViews(site, filters, limit),
    facets: async (site, filters) => queries.facets(site, filters),
    measureDistributions: async (site, filters) => queries.measureDistributions(site, filters),
    vitals: async (site, filters) => queries.vitals(site, filters),
    vitalSeries: async (site, vital, bucketMs, filters) => queries.vitalSeries(site, vital, bucketMs, filters),
    pages: async (site, filters, limit) => queries.pages(site, filters, limit),
    slowestInteractions: async (site, filters, limit) => queries.slowestInteractions(site, filters, limit),
    frameScripts: async (site, filters, limit) => queries.frameScripts(site, filters, limit),
    events: async (site) => queries.events(site),
    profiles: prepareProfileStorage(db),
    close: async () => {
      await writer?.close();
      db.close();
    },
  };
}

const inline =
  <A extends unknown[], R>(run: (...args: A) => R) =>
  async (...args: A): Promise<R> =>
    run(...args);
