import type { EventRow } from '../../src/collector/storage/toEventRow.js';
import { queryDatabase } from './database.js';

type Stored = EventRow & { viewId: string };
/** An event as the collector stored it, with its `data` JSON parsed. */
export type StoredEvent = Omit<Stored, 'data'> & { data: Record<string, unknown> };

export function storedEvents(dbFile: string): StoredEvent[] {
  return queryDatabase<Stored>(
    dbFile,
    `SELECT v.id AS viewId, e.type, e.name, e.start, e.duration, e.value, e.route, e.data
       FROM events e JOIN views v ON v.ref = e.view ORDER BY e.at, e.rowid`,
  ).map((row) => ({ ...row, data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {} }));
}
