import type { ViewEvent } from '../../../protocol/queryRoutes.js';
import type { DeliverySummary, LongTaskSummary, NavigationPhase, QueryFilters, ResourceSummary, ViewDetail, ViewProfile, VitalTarget } from '../Storage.js';
import type { ClickHouse } from './connectClickHouse.js';
import { EVENT_OFFSET_MS, eventWhere } from './filterConditions.js';
import { percentiles } from './percentiles.js';
import { list, Sql, sql } from './sql.js';
import type { TableLayout } from './tableLayout.js';

const parsed = (json: string | null): Record<string, unknown> => (json ? (JSON.parse(json) as Record<string, unknown>) : {});

/**
 * The detail queries, with SQLite's answers (prepareDetailQueries.ts): the element behind a
 * vital, long tasks, navigation phases, resources, delivery, one page view with its events and
 * what its profiles cover. What SQLite
 * reads from the JSON, these read from the columns of migration 3; percentiles are exact, as
 * everywhere (percentiles.ts). Each inner query names its columns apart from the table's: in
 * 18.16 an alias that is also a column's name (`type`, `url`) stands for it in WHERE.
 */
export function clickHouseDetailQueries(clickhouse: ClickHouse, layout: TableLayout, cutoff: () => number) {
  const events = layout.table('events');
  const { sorted, p50, p75, p95 } = percentiles('x');
  // Resource stats summed per key of a Nested column (by_type, by_origin), inner names apart from the table's columns (`duration`).
  const totals = (column: 'by_type' | 'by_origin', key: 'type' | 'origin', where: Sql) => {
    const [stats, named] = [new Sql(column), new Sql(key)];
    return sql`SELECT k AS ${named}, n AS count, t AS transfer, d AS decoded, h AS cached, ms AS duration FROM (
                 SELECT ${stats}.name AS k, sum(${stats}.count) AS n, sum(${stats}.transfer) AS t, sum(${stats}.decoded) AS d,
                        sum(${stats}.cached) AS h, sum(${stats}.duration) AS ms
                   FROM ${events} ARRAY JOIN ${stats} WHERE ${where} GROUP BY k)
               ORDER BY transfer DESC, ${named}`;
  };

  return {
    vitalTargets: (site: string, filters: QueryFilters, limit: number) =>
      clickhouse.query<VitalTarget>(
        sql`SELECT vital, element AS target, count, p75 FROM (
              SELECT vital, element, count() AS count, ${sorted}, ${p75} AS p75
                FROM (SELECT name AS vital, assumeNotNull(target) AS element, assumeNotNull(value) AS x FROM ${events}
                       WHERE ${eventWhere(layout, site, filters, cutoff(), 'vital')} AND name IN ('LCP', 'CLS', 'INP') AND target IS NOT NULL AND target != ''
                         AND value IS NOT NULL)
               GROUP BY vital, element)
             ORDER BY vital, count DESC, target LIMIT ${limit} BY vital`,
      ),

    // Blocking time is what a task takes past 50 ms: the part that holds up input.
    longTasks: (site: string, filters: QueryFilters, limit: number) =>
      clickhouse.query<LongTaskSummary>(
        sql`SELECT url, route, name, container, count, blocking, p75, max FROM (
              SELECT url, route, name, container, count() AS count, sum(greatest(x - 50, 0)) AS blocking, ${sorted}, ${p75} AS p75, max(x) AS max
                FROM (SELECT page AS url, route, name, container, assumeNotNull(duration) AS x FROM ${events}
                       WHERE ${eventWhere(layout, site, filters, cutoff(), 'longtask')} AND duration IS NOT NULL)
               GROUP BY url, route, name, container)
             ORDER BY blocking DESC, count DESC, url, route, name, container LIMIT ${limit}`,
      ),

    navigationPhases: (site: string, filters: QueryFilters) =>
      clickhouse.query<NavigationPhase>(
        sql`SELECT phase, count, p50, p75, p95 FROM (
              SELECT phase, count() AS count, ${sorted}, ${p50} AS p50, ${p75} AS p75, ${p95} AS p95
                FROM (SELECT phase, x FROM ${events} ARRAY JOIN phases.name AS phase, phases.ms AS x WHERE ${eventWhere(layout, site, filters, cutoff(), 'navigation')})
               GROUP BY phase)
             ORDER BY phase`,
      ),

    resources: async (site: string, filters: QueryFilters, limit: number): Promise<ResourceSummary> => {
      const where = eventWhere(layout, site, filters, cutoff(), 'resources');
      const [byType, byOrigin, renderBlocking, slowest] = await Promise.all([
        clickhouse.query<ResourceSummary['byType'][number]>(totals('by_type', 'type', where)),
        clickhouse.query<ResourceSummary['byOrigin'][number]>(totals('by_origin', 'origin', where)),
        clickhouse.query<ResourceSummary['renderBlocking'][number]>(
          sql`SELECT blocking AS url, views FROM (
                SELECT blocking, uniqExact(view_id) AS views FROM ${events} ARRAY JOIN render_blocking AS blocking WHERE ${where} GROUP BY blocking)
               ORDER BY views DESC, url LIMIT ${limit}`,
        ),
        clickhouse.query<ResourceSummary['slowest'][number]>(
          sql`SELECT resource AS url, initiator, count, p75, max FROM (
                SELECT resource, initiator, count() AS count, ${sorted}, ${p75} AS p75, max(x) AS max
                  FROM (SELECT slowest.url AS resource, slowest.initiator AS initiator, slowest.duration AS x FROM ${events} ARRAY JOIN slowest WHERE ${where})
                 GROUP BY resource, initiator)
               ORDER BY p75 DESC, url LIMIT ${limit}`,
        ),
      ]);
      return { byType, byOrigin, renderBlocking, slowest };
    },

    // A view is its beacons' rows (migrations.ts): its context from any of them, its events summed.
    view: async (site: string, id: string, offset: number, limit: number): Promise<ViewDetail | undefined> => {
      const [view] = await clickhouse.query<Omit<ViewDetail['view'], 'context'> & { context: string | null }>(
        sql`SELECT view_id AS id, any(s) AS session, any(page) AS url, any(r) AS release, any(b) AS browser, any(d) AS deviceClass,
                   any(c) AS connection, min(started_at) AS startedAt, sum(events) AS events, any(e) AS env, any(k) AS sdk, any(x) AS context
              FROM (SELECT view_id, session AS s, page, release AS r, browser AS b, device_class AS d, connection AS c, started_at, events,
                           env AS e, sdk AS k, context AS x
                      FROM ${layout.table('views')} WHERE site = ${site} AND view_id = ${id} AND started_at >= ${cutoff() - EVENT_OFFSET_MS})
             GROUP BY view_id`,
      );
      if (!view) return undefined;
      const rows = await clickhouse.query<Omit<ViewEvent, 'fields'> & { data: string | null }>(
        sql`SELECT type, name, start, duration, value, route, data FROM ${events}
             WHERE site = ${site} AND view_id = ${id} AND at >= ${cutoff()} ORDER BY start, arrival LIMIT ${offset}, ${limit}`,
      );
      return {
        view: { ...view, context: parsed(view.context) },
        events: rows.map(({ data, ...event }) => ({ ...event, fields: parsed(data) })),
        total: view.events,
      };
    },

    // Stored batches only (state 1: localClaims.ts also records tries), each once.
    delivery: async (site: string, { from, to }: QueryFilters): Promise<DeliverySummary> => {
      const [summary] = await clickhouse.query<DeliverySummary>(
        sql`SELECT count() AS batches, sum(d) AS dropped, countIf(c != 0) AS corrected, max(abs(c)) AS largestCorrection FROM (
              SELECT batch_id, any(dropped) AS d, any(clock_correction) AS c FROM ${layout.table('batches')}
               WHERE site = ${site} AND state = 1 AND received_at >= ${Math.max(from ?? 0, cutoff())} AND received_at < ${to ?? Number.MAX_SAFE_INTEGER}
               GROUP BY batch_id)`,
      );
      return summary ?? { batches: 0, dropped: 0, corrected: 0, largestCorrection: 0 };
    },

    // Stored (state 1), whatever retention has cut since: a batch the page still holds is refused as too old if it is sent again.
    knownBatches: async (site: string, ids: readonly string[]): Promise<string[]> => {
      if (ids.length === 0) return [];
      const rows = await clickhouse.query<{ id: string }>(
        sql`SELECT DISTINCT batch_id AS id FROM ${layout.table('batches')} WHERE site = ${site} AND state = 1 AND batch_id IN ${list(ids)}`,
      );
      return rows.map((row) => row.id);
    },

    // Samples are rows per attribution span of a window (toProfileRows.ts): grouped, they are the view's windows and their spans.
    viewProfiles: (site: string, id: string) =>
      clickhouse.query<ViewProfile>(
        sql`SELECT k AS kind, n AS name, s AS start, i AS id, total AS ms FROM (
              SELECT target_kind AS k, target_name AS n, target_start AS s, interaction_id AS i, sum(ms) AS total
                FROM ${layout.table('profile_samples')} WHERE site = ${site} AND view_id = ${id} AND at >= ${cutoff()}
               GROUP BY k, n, s, i)
             ORDER BY start, kind = 'window' DESC, kind, name`,
      ),
  };
}
