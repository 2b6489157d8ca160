import { sharedQueue } from '../../threads/sharedQueue.js';
import { startThread } from '../../threads/startThread.js';
import type { Storage } from '../Storage.js';
import { migrate } from './migrate.js';
import { openDatabase } from './openDatabase.js';
import type { QueryOptions } from './prepareSummaryReads.js';
import { prepareReader, type Reader } from './prepareReader.js';
import { prepareWriter, type Writer } from './prepareWriter.js';
import { toBeaconRows } from './toBeaconRows.js';

export interface SqliteOptions extends QueryOptions {
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

type Threaded<T> = T & { close(): void };
type Method = (...args: never[]) => unknown;
type Result<T, K extends keyof T> = T[K] extends Method ? Awaited<ReturnType<T[K]>> : never;
type Args<T, K extends keyof T> = T[K] extends Method ? Parameters<T[K]> : never;
/** Calls `object[method]`, a method chosen at run time among the object's own. */
const invoke = <R>(object: unknown, method: PropertyKey, args: unknown[]): R =>
  (object as Record<PropertyKey, (...values: unknown[]) => R>)[method]?.(...args) as R;

/** The embedded default: one SQLite file in WAL mode; queries and writes on this thread or threads of their own. */
export function openSqliteStorage(file: string, { durable = false, writerThread, readerThreads, ...options }: SqliteOptions = {}): Storage {
  const db = openDatabase(file, durable);
  migrate(db);
  const writerOnThread = writerThread ? startThread<Threaded<Writer>>(writerThread, { file, durable }) : undefined;
  const inlineWriter = writerOnThread ? undefined : prepareWriter(db);
  const write = async <K extends keyof Writer>(method: K, ...args: Args<Writer, K>): Promise<Result<Writer, K>> =>
    writerOnThread
      ? writerOnThread.call((remote) => invoke<Promise<Result<Writer, K>>>(remote, method, args))
      : invoke<Result<Writer, K>>(inlineWriter, method, args);
  const readers = readerThreads
    ? Array.from({ length: readerThreads.count }, () => startThread<Threaded<Reader>>(readerThreads.script, { file, options }))
    : [];
  const inlineReader = readers.length === 0 ? prepareReader(db, options) : undefined;
  const onReader = sharedQueue(readers);
  const query = async <K extends keyof Reader>(method: K, ...args: Args<Reader, K>): Promise<Result<Reader, K>> => {
    if (inlineReader) return invoke<Result<Reader, K>>(inlineReader, method, args);
    return onReader((remote) => invoke<Promise<Result<Reader, K>>>(remote, method, args));
  };

  return {
    insertBeacons: async (beacons) => write('writeRows', beacons.map(toBeaconRows)),
    deleteBefore: (cutoff) => write('deleteBefore', cutoff),
    erase: (site, target) => write('erase', site, target),
    recentViews: (...args) => query('recentViews', ...args),
    facets: (...args) => query('facets', ...args),
    measureDistributions: (...args) => query('measureDistributions', ...args),
    vitals: (...args) => query('vitals', ...args),
    vitalSeries: (...args) => query('vitalSeries', ...args),
    pages: (...args) => query('pages', ...args),
    slowestInteractions: (...args) => query('slowestInteractions', ...args),
    frameScripts: (...args) => query('frameScripts', ...args),
    vitalTargets: (...args) => query('vitalTargets', ...args),
    longTasks: (...args) => query('longTasks', ...args),
    navigationPhases: (...args) => query('navigationPhases', ...args),
    resources: (...args) => query('resources', ...args),
    view: (...args) => query('view', ...args),
    delivery: (...args) => query('delivery', ...args),
    knownBatches: (...args) => query('knownBatches', ...args),
    viewProfiles: (...args) => query('viewProfiles', ...args),
    vitalHistogram: (...args) => query('vitalHistogram', ...args),
    measureHistogram: (...args) => query('measureHistogram', ...args),
    releases: (...args) => query('releases', ...args),
    // Profiles are queried on the reader threads too; a map of tens of megabytes is written and
    // read on the threads, never on the caller's.
    profiles: {
      stacks: (...args) => query('stacks', ...args),
      functions: (...args) => query('functions', ...args),
      targets: (...args) => query('targets', ...args),
      sourceMaps: (...args) => query('sourceMaps', ...args),
      sourceMapUsage: (...args) => query('sourceMapUsage', ...args),
      putSourceMap: (...args) => write('putSourceMap', ...args),
    },
    alerts: {
      states: () => query('alertStates'),
      record: (change) => write('recordAlert', change),
      pending: () => query('pendingAlerts'),
      settle: (...args) => write('settleAlert', ...args),
    },
    // One process writes the file.
    collectors: () => 1,
    close: async () => {
      await Promise.all([writerOnThread, ...readers].map((thread) => thread?.close(async (remote) => remote.close())));
      db.close();
    },
  };
}
