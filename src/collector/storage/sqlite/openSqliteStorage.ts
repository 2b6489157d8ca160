import { prepareProfileStorage } from '../../profiles/prepareProfileStorage.js';
import type { Erased, ErasureTarget, Removed, Storage } from '../Storage.js';
import { migrate } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareErase } from './prepareErase.js';
import { prepareQueries } from './prepareQueries.js';
import { prepareWriteRows } from './prepareWriteRows.js';
import { startSqliteThread } from './startSqliteThread.js';
import { toBeaconRows, type BeaconRows } from './toBeaconRows.js';

export interface SqliteOptions {
  /** fsync every commit (survives a power cut, not only a crash of the process). */
  durable?: boolean;
  /**
   * The built `sqliteWriter.mjs`: writes then run on their own thread, so that another core
   * commits while the request thread parses and validates (`pageprof serve` does so wherever
   * there is a second core). Without it they run on the caller's thread: less CPU in all (no
   * copy to the thread), but one core does everything.
   */
  writerThread?: string | URL;
  /**
   * The built `sqliteReader.mjs` and how many of them: the query API's queries then run there,
   * each on the thread with the fewest waiting, so that a dashboard's panels run side by side and
   * never hold up ingest. Without it they run on the caller's thread, one after another.
   */
  readerThreads?: { script: string | URL; count: number };
}

type Queries = ReturnType<typeof prepareQueries>;
type Query = <K extends keyof Queries>(method: K, ...args: Parameters<Queries[K]>) => Promise<ReturnType<Queries[K]>>;

/** The embedded default: one SQLite file in WAL mode; queries and writes on this thread or threads of their own. */
export function openSqliteStorage(file: string, { durable = false, writerThread, readerThreads }: SqliteOptions = {}): Storage {
  const db = openDatabase(file, durable);
  migrate(db);
  const writer = writerThread ? startSqliteThread(writerThread, { file, durable }) : undefined;
  const writeRows = writer ? (rows: BeaconRows[]) => writer.call<{ duplicate: boolean; rows: number }[]>('writeRows', [rows]) : inline(prepareWriteRows(db));
  const deleteBefore = writer ? (cutoff: number) => writer.call<Removed>('deleteBefore', [cutoff]) : inline(prepareDeleteBefore(db));
  const erase = writer ? (site: string, target: ErasureTarget) => writer.call<Erased>('erase', [site, target]) : inline(prepareErase(db));
  const readers = readerThreads ? Array.from({ length: readerThreads.count }, () => startSqliteThread(readerThreads.script, { file })) : [];
  const queries = readers.length === 0 ? prepareQueries(db) : undefined;
  const query: Query = async (method, ...args) => {
    if (queries) return (queries[method] as (...values: unknown[]) => ReturnType<Queries[typeof method]>)(...args);
    const idlest = readers.reduce((best, reader) => (reader.waiting() < best.waiting() ? reader : best));
    return idlest.call(method, args);
  };

  return {
    insertBeacons: async (beacons) => writeRows(beacons.map(toBeaconRows)),
    deleteBefore,
    erase,
    recentViews: (...args) => query('recentViews', ...args),
    facets: (...args) => query('facets', ...args),
    measureDistributions: (...args) => query('measureDistributions', ...args),
    vitals: (...args) => query('vitals', ...args),
    vitalSeries: (...args) => query('vitalSeries', ...args),
    pages: (...args) => query('pages', ...args),
    slowestInteractions: (...args) => query('slowestInteractions', ...args),
    frameScripts: (...args) => query('frameScripts', ...args),
    events: (...args) => query('events', ...args),
    profiles: prepareProfileStorage(db),
    close: async () => {
      await Promise.all([writer, ...readers].map((thread) => thread?.close()));
      db.close();
    },
  };
}

const inline =
  <A extends unknown[], R>(run: (...args: A) => R) =>
  async (...args: A): Promise<R> =>
    run(...args);
