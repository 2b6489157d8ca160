import type { AlertChange, AlertStorage, PendingAlert } from '../AlertStorage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';
import { uniqueMicroseconds } from './uniqueMicroseconds.js';

/**
 * Alerts in two tables replicated to every server (tableLayout's `global`), insert only, as 18.16
 * has no cheap update: the outbox holds every change with its webhook, a settlement row tells a
 * send's outcome. Pending is an outbox row with no delivered settlement, its attempts the failed
 * ones; an alert's state is that of its newest change. Ids are microseconds of this clock
 * (uniqueMicroseconds), not max(id) + 1: alerts are sent by one collector (the README: configure
 * alerts on one only), so a per-process clock is unique and increasing without a read before
 * each write, and needs no lock; a max read could also see a replica still behind its peers.
 */
export function alertStore(clickhouse: ClickHouse, layout: TableLayout): AlertStorage {
  const outbox = layout.table('alert_outbox');
  const settlements = layout.table('alert_settlements');
  const nextId = uniqueMicroseconds();
  return {
    // The newest change by id, which orders changes as they were recorded (as SQLite's upsert does; two may share an `at`).
    states: () => clickhouse.query(sql`SELECT site, alert AS key, argMax(state, id) AS state FROM ${outbox} GROUP BY site, alert ORDER BY site, alert`),
    async record(change: AlertChange) {
      const id = nextId();
      const { key, ...rest } = change;
      await clickhouse.insert(outbox, [{ id, ...rest, alert: key }]);
      return id;
    },
    pending: () =>
      clickhouse.query<PendingAlert>(
        sql`SELECT id, site, alert AS key, state, body, at, attempts FROM ${outbox}
              ANY LEFT JOIN (SELECT id, countIf(delivered = 0) AS attempts FROM ${settlements} GROUP BY id) USING id
             WHERE id NOT IN (SELECT id FROM ${settlements} WHERE delivered = 1)
             ORDER BY id`,
      ),
    // `seq` makes two equal settlements (two failures in one ms) two rows: a Replicated table drops a repeated insert.
    settle: (id: number, delivered: boolean, at: number) => clickhouse.insert(settlements, [{ id, delivered: delivered ? 1 : 0, at, seq: nextId() }]),
  };
}
