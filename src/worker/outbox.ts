import { openDB } from 'idb';
import type { Beacon } from '../protocol/beacon.js';

/** Batches waiting for the collector's acknowledgement, oldest first. */
export interface Outbox {
  put(batch: Beacon): Promise<void>;
  list(): Promise<Beacon[]>;
  remove(id: string): Promise<void>;
}

const DB_NAME = 'pageprof';
const STORE = 'outbox';

/**
 * The outbox lives in IndexedDB so that batches survive reloads, crashes and offline page views;
 * a batch is durable once its transaction is done. Where IndexedDB is missing or refuses to open
 * (private modes, blocked storage) the outbox is kept in memory and still sends.
 */
export async function openOutbox(factory: IDBFactory | undefined): Promise<Outbox> {
  if (!factory) return memoryOutbox();
  try {
    const db = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore(STORE, { keyPath: 'id' }).createIndex('sentAt', 'sentAt');
      },
    });
    return {
      put: async (batch) => void (await db.put(STORE, batch)),
      list: () => db.getAllFromIndex(STORE, 'sentAt'),
      remove: (id) => db.delete(STORE, id),
    };
  } catch {
    return memoryOutbox();
  }
}

function memoryOutbox(): Outbox {
  const batches = new Map<string, Beacon>();
  return {
    put: async (batch) => void batches.set(batch.id, batch),
    list: async () => [...batches.values()].sort((a, b) => a.sentAt - b.sentAt),
    remove: async (id) => void batches.delete(id),
  };
}
