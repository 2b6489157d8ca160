import type Database from 'better-sqlite3';
import { prepareAlertReads } from './prepareAlerts.js';
import { prepareProfileReads } from './prepareProfiles.js';
import { prepareDetailQueries } from './prepareDetailQueries.js';
import { prepareDistributionQueries } from './prepareDistributionQueries.js';
import { prepareQueries } from './prepareQueries.js';
import type { QueryOptions } from './prepareSummaryReads.js';

/** Every query of the query API, and the reading of source maps, on one connection: the caller's, or a reader thread's. */
export const prepareReader = (db: Database.Database, options: QueryOptions = {}) => ({
  ...prepareQueries(db, options),
  ...prepareDetailQueries(db),
  ...prepareProfileReads(db),
  ...prepareDistributionQueries(db, options),
  ...prepareAlertReads(db),
});

export type Reader = ReturnType<typeof prepareReader>;
