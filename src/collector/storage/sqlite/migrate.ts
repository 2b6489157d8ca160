import type Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { registerHistogram } from './registerHistogram.js';

/** Brings the database to the newest schema, one migration per transaction, tracked in `user_version`. */
export function migrate(db: Database.Database): void {
  // Migration 16 fills value_hours with it.
  registerHistogram(db);
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version++) {
    db.transaction(() => {
      db.exec(migrations[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
