/**
 * Versioned schema: migration N brings a database from `user_version` N to N+1. Append only;
 * never edit a migration that has shipped.
 */
export const migrations: string[] = [
  `
  CREATE TABLE batches (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    received_at INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE views (
    id TEXT PRIMARY KEY,
    site TEXT NOT NULL,
    session TEXT NOT NULL,
    url TEXT NOT NULL,
    release TEXT,
    env TEXT,
    sdk TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    context TEXT
  );
  CREATE INDEX views_by_site_time ON views (site, started_at);

  CREATE TABLE events (
    site TEXT NOT NULL,
    view_id TEXT NOT NULL,
    batch_id TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    start REAL NOT NULL,
    duration REAL,
    value REAL,
    route TEXT,
    data TEXT,
    at INTEGER NOT NULL
  );
  CREATE INDEX events_by_site_type_name ON events (site, type, name);
  `,
  // Batches the sender's outbox dropped (bound reached, or refused for good) before this one.
  `ALTER TABLE batches ADD COLUMN dropped INTEGER NOT NULL DEFAULT 0;`,
];
