import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './openDatabase.js';
import type { QueryOptions } from './prepareSummaryReads.js';
import { prepareReader } from './prepareReader.js';

/**
 * A SQLite reader thread's entry: the query API's queries run here, so that a dashboard's
 * 100-ms scan neither stalls ingest on the request thread nor waits behind the other panels'.
 */
const { file, options } = workerData as { file: string; options: QueryOptions };
const db = openDatabase(file, false);
if (parentPort) expose({ ...prepareReader(db, options), close: () => db.close() }, nodeEndpoint(parentPort));
