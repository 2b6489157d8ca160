import { workerData } from 'node:worker_threads';
import { openDatabase } from './openDatabase.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareErase } from './prepareErase.js';
import { prepareWriteRows } from './prepareWriteRows.js';
import { serveCalls } from './serveCalls.js';

/**
 * The SQLite writer thread's entry: every write to the file happens here, on its own core, while
 * the collector's thread parses and validates the next beacons. Beacons come as their rows' values
 * (toBeaconRows.ts), made on the request thread: their structured clone costs this thread ~8 µs a
 * beacon, where parsing the beacon's JSON again and shaping its rows cost it ~23 µs.
 */
const { file, durable } = workerData as { file: string; durable: boolean };
const db = openDatabase(file, durable);
serveCalls(db, { writeRows: prepareWriteRows(db), deleteBefore: prepareDeleteBefore(db), erase: prepareErase(db) });
