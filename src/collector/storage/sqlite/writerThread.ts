import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './openDatabase.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareWriteRows } from './prepareWriteRows.js';
import type { BeaconRows } from './toBeaconRows.js';

/** What the collector's thread asks of the writer thread (see startWriterThread). */
export type WriterRequest = { id: number; insert: readonly BeaconRows[] } | { id: number; deleteBefore: number } | { id: number; close: true };
export type WriterAnswer = { id: number; result: unknown } | { id: number; error: string };

/**
 * The SQLite writer thread's entry: every write to the file happens here, on its own core,
 * while the collector's thread parses and validates the next beacons.
 */
const { file, durable } = workerData as { file: string; durable: boolean };
const db = openDatabase(file, durable);
const writeRows = prepareWriteRows(db);
const deleteBefore = prepareDeleteBefore(db);

parentPort?.on('message', (request: WriterRequest) => {
  let answer: WriterAnswer;
  try {
    if ('insert' in request) answer = { id: request.id, result: writeRows(request.insert) };
    else if ('deleteBefore' in request) answer = { id: request.id, result: deleteBefore(request.deleteBefore) };
    else {
      db.close();
      answer = { id: request.id, result: null };
    }
  } catch (error) {
    answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
