import type Database from 'better-sqlite3';
import { prepareDetailQueries } from './prepareDetailQueries.js';
import { prepareQueries } from './prepareQueries.js';

/** Every query of the query API, on one connection: the caller's, or a reader thread's. */
export const prepareReadQueries = (db: Database.Database) => ({ ...prepareQueries(db), ...prepareDetailQueries(db) });
