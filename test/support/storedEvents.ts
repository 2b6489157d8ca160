import { queryDatabase } from './database.js';

/** An event as the collector stored it, with its `data` JSON parsed. */
export interface StoredEvent {
  view_id: string;
  type: string;
  name: string;
  start: number;
  duration: number | null;
  value: number | null;
  route: string | null;
  data: Record<string, unknown>;
}

export function storedEvents(dbFile: string): StoredEvent[] {
  return queryDatabase<Omit<StoredEvent, 'data'> & { data: string | null }>(
    dbFile,
    'SELECT view_id, type, name, start, duration, value, route, data FROM events ORDER BY at, rowid',
  ).map((row) => ({ ...row, data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : {} }));
}
