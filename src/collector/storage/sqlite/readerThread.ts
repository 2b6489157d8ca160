import { workerData } from 'node:worker_threads';
import { prepareProfileStorage } from '../../profiles/prepareProfileStorage.js';
import { openDatabase } from './openDatabase.js';
import { prepareReadQueries } from './prepareReadQueries.js';
import { serveCalls } from './serveCalls.js';

/**
 * A SQLite reader thread's entry: the query API's queries run here, so that a dashboard's
 * 100-ms scan neither stalls ingest on the request thread nor waits behind the other panels'.
 */
const { file } = workerData as { file: string };
const db = openDatabase(file, false);
serveCalls(db, { ...prepareReadQueries(db), sourceMaps: prepareProfileStorage(db).sourceMaps });
