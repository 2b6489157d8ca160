import { existsSync } from 'node:fs';
import type { ReceivedBeacon } from '../storage/Storage.js';
import { openClickHouseStorage } from '../storage/clickhouse/openClickHouseStorage.js';
import { migrate } from '../storage/sqlite/migrate.js';
import { openDatabase } from '../storage/sqlite/openDatabase.js';
import { readStoredBatches } from '../storage/sqlite/readStoredBatches.js';
import { prepareStoredProfiles } from '../storage/sqlite/prepareStoredProfiles.js';
import { storageSpec } from '../storage/storageSpec.js';
import { parseFlags, UsageError, usersMistake } from './parseFlags.js';

export const migrateUsage = `usage: pageprof migrate --from sqlite:PATH --to clickhouse:URL
  Copies every stored batch of a SQLite database to ClickHouse, each with its page view and events,
  through the adapter's own insert: a batch already there is counted once, so a second run (or one
  cut short and started again) copies only what is missing. A view's profile windows go with its
  first batch; those of protocol 1 (times estimated from sample counts) are not copied.
  Stop the collector on the SQLite file first, or batches it stores meanwhile may be left out.`;

/** Beacons per insertBeacons call: the adapter gathers them into inserts of thousands of rows. */
const CHUNK = 500;

/** `pageprof migrate`: SQLite to ClickHouse, idempotently. */
export async function migrateCommand(args: string[]): Promise<number> {
  const { values } = parseFlags('migrate', args, { from: { type: 'string' }, to: { type: 'string' } });
  if (values.help) {
    console.log(migrateUsage);
    return 0;
  }
  if (values.from === undefined || values.to === undefined)
    throw new UsageError('pageprof migrate: --from sqlite:PATH and --to clickhouse:URL are both required');
  const from = usersMistake(() => storageSpec(values.from as string));
  const to = usersMistake(() => storageSpec(values.to as string));
  if (from.kind !== 'sqlite' || to.kind !== 'clickhouse') throw new UsageError('pageprof migrate: copies from sqlite:PATH to clickhouse:URL only');
  if (!existsSync(from.file)) throw new UsageError(`pageprof migrate: no SQLite file ${from.file}`);

  const db = openDatabase(from.file, false);
  const storage = await openClickHouseStorage(to.url);
  const counted = { erased: 0, estimatedWindows: 0 };
  const totals = { copied: 0, present: 0, events: 0, windows: 0 };
  const insert = async (chunk: ReceivedBeacon[]) => {
    for (const [i, inserted] of (await storage.insertBeacons(chunk)).entries()) {
      if (inserted.duplicate) totals.present++;
      else {
        const events = chunk[i]?.beacon.events ?? [];
        const windows = events.filter((event) => event.type === 'profile').length;
        totals.copied++;
        totals.events += events.length - windows;
        totals.windows += windows;
      }
    }
  };
  try {
    // The file is brought to the current schema first, as `pageprof serve` would.
    migrate(db);
    const chunk: ReceivedBeacon[] = [];
    for (const received of readStoredBatches(db, counted, prepareStoredProfiles(db, counted))) {
      chunk.push(received);
      if (chunk.length === CHUNK) await insert(chunk.splice(0));
    }
    await insert(chunk);
  } finally {
    db.close();
    await storage.close();
  }
  console.log(
    `copied ${totals.copied} batches (${totals.events} events, ${totals.windows} profile windows) to ClickHouse ${to.target.url.replace(/^https?:\/\//, '')}/${to.target.database}; ${totals.present} were there already`,
  );
  if (counted.erased > 0) console.log(`  ${counted.erased} batches of erased page views have no rows to copy: a retry of one would be stored on ClickHouse`);
  if (counted.estimatedWindows > 0) console.log(`  ${counted.estimatedWindows} profile windows of protocol 1 not copied`);
  return 0;
}
