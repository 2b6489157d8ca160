import type Database from 'better-sqlite3';
import { prepareAlertWrites } from './prepareAlerts.js';
import { prepareProfileWrites } from './prepareProfiles.js';
import { prepareDeleteBefore } from './prepareDeleteBefore.js';
import { prepareErase } from './prepareErase.js';
import { prepareWriteRows } from './prepareWriteRows.js';

/** Every write to the file, on one connection: the caller's, or the writer thread's. */
export const prepareWriter = (db: Database.Database) => ({
  writeRows: prepareWriteRows(db),
  deleteBefore: prepareDeleteBefore(db),
  erase: prepareErase(db),
  putSourceMap: prepareProfileWrites(db).putSourceMap,
  ...prepareAlertWrites(db),
});

export type Writer = ReturnType<typeof prepareWriter>;
