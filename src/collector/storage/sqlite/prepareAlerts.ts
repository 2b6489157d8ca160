import type Database from 'better-sqlite3';
import type { AlertChange, PendingAlert } from '../AlertStorage.js';

/** The alerts' writes on SQLite: a state and its webhook in one transaction; a send's outcome. */
export function prepareAlertWrites(db: Database.Database) {
  const setState = db.prepare(
    `INSERT INTO alert_states (site, key, state, changed_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (site, key) DO UPDATE SET state = excluded.state, changed_at = excluded.changed_at`,
  );
  const queue = db.prepare('INSERT INTO alert_outbox (site, key, state, body, at) VALUES (?, ?, ?, ?, ?)');
  const delivered = db.prepare('UPDATE alert_outbox SET delivered_at = ? WHERE id = ?');
  const failed = db.prepare('UPDATE alert_outbox SET attempts = attempts + 1 WHERE id = ?');
  return {
    recordAlert: db.transaction(({ site, key, state, body, at }: AlertChange) => {
      setState.run(site, key, state, at);
      return Number(queue.run(site, key, state, body, at).lastInsertRowid);
    }),
    settleAlert: (id: number, ok: boolean, at: number) => {
      if (ok) delivered.run(at, id);
      else failed.run(id);
    },
  };
}

/** The alerts' reads: every state, and the webhooks not delivered yet. */
export function prepareAlertReads(db: Database.Database) {
  const states = db.prepare('SELECT site, key, state FROM alert_states ORDER BY site, key');
  const pending = db.prepare('SELECT id, site, key, state, body, at, attempts FROM alert_outbox WHERE delivered_at IS NULL ORDER BY id');
  return {
    alertStates: () => states.all() as { site: string; key: string; state: string }[],
    pendingAlerts: () => pending.all() as PendingAlert[],
  };
}
