import type { StoredEvent as Stored } from '../../src/collector/storage/Storage.js';
import { queryDatabase } from './database.js';

/** An event as the collector stored it, with its `data` JSON parsed. */
export type StoredEvent = Omit<Stored, 'batchId' | 'data'> & { data: Record<string, unknown> };

export function storedEvents(dbFile: string): StoredEvent[] {
  return queryDatabase<Omit<Stored, 'batchId'>>(
    dbFile,
    'SELECT view_id AS viewId, type, name, start, duration, value, route, data FROM events ORDER BY at, rowid',
  ).map((row) => ({ ...row, data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {} }));
}
