import type Database from 'better-sqlite3';
import { prepareProfileStorage } from './prepareProfileStorage.js';
import { prepareDetailQueries } from './prepareDetailQueries.js';
import { prepareDistributionQueries } from './prepareDistributionQueries.js';
import { prepareQueries } from './prepareQueries.js';

/** Every query of the query API, and the reading of source maps, on one connection: the caller's, or a reader thread's. */
export const prepareReader = (db: Database.Database) => ({
  ...prepareQueries(db),
  ...prepareDetailQueries(db),
  ...prepareDistributionQueries(db),
  sourceMaps: prepareProfileStorage(db).sourceMaps,
});

export type Reader = ReturnType<typeof prepareReader>;
