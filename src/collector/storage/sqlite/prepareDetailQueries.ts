import type Database from 'better-sqlite3';
import type {
  DeliverySummary,
  LongTaskSummary,
  NavigationPhase,
  QueryFilters,
  ResourceSummary,
  ViewDetail,
  ViewProfile,
  ViewSummary,
  VitalTarget,
} from '../Storage.js';
import type { EventRow } from '../toEventRow.js';
import { filterClause } from './filterClause.js';
import { percentiles, statementCache } from './statementCache.js';

const parsed = (json: string | null): Record<string, unknown> => (json ? (JSON.parse(json) as Record<string, unknown>) : {});
const resourceTotals = (stat: string) =>
  `sum(${stat}.value ->> '$.count') AS count, sum(${stat}.value ->> '$.transfer') AS transfer, sum(${stat}.value ->> '$.decoded') AS decoded,
   sum(${stat}.value ->> '$.cached') AS cached, sum(${stat}.value ->> '$.duration') AS duration`;

/**
 * The query API's detail queries on SQLite: what names the element behind a vital, long tasks,
 * navigation phases, resources, and one page view with its events and profiles. Fixed SQL fragments, every
 * value a bound parameter (filterClause.ts).
 */
export function prepareDetailQueries(db: Database.Database) {
  const { all, get } = statementCache(db);

  return {
    vitalTargets: (site: string, filters: QueryFilters, limit: number) => {
      const filter = filterClause(site, 'vital', filters);
      return all<VitalTarget>(
        `WITH named AS (
           SELECT e.name AS vital, e.value,
                  CASE e.name WHEN 'LCP' THEN e.data ->> '$.attribution.target'
                              WHEN 'CLS' THEN e.data ->> '$.attribution.largestShiftTarget'
                              ELSE e.data ->> '$.attribution.interactionTarget' END AS target
             FROM ${filter.from} WHERE ${filter.where} AND e.name IN ('LCP', 'CLS', 'INP')),
         ranked AS (
           SELECT vital, target, count(*) AS count, percentile_cont(value, 0.75) AS p75,
                  row_number() OVER (PARTITION BY vital ORDER BY count(*) DESC, target) AS rank
             FROM named WHERE target IS NOT NULL AND target != '' GROUP BY vital, target)
         SELECT vital, target, count, p75 FROM ranked WHERE rank <= ? ORDER BY vital, rank`,
        [...filter.params, limit],
      );
    },

    // Blocking time is what a task takes past 50 ms: the part that holds up input.
    longTasks: (site: string, filters: QueryFilters, limit: number) => {
      const filter = filterClause(site, 'longtask', filters);
      return all<LongTaskSummary>(
        `SELECT p.url, e.route, e.name, e.data ->> '$.container' AS container, count(*) AS count,
                sum(max(e.duration - 50, 0)) AS blocking, percentile_cont(e.duration, 0.75) AS p75, max(e.duration) AS max
           FROM ${filter.from} JOIN pages p ON p.id = e.page WHERE ${filter.where}
          GROUP BY p.url, e.route, e.name, container ORDER BY blocking DESC, count DESC, p.url LIMIT ?`,
        [...filter.params, limit],
      );
    },

    navigationPhases: (site: string, filters: QueryFilters) => {
      const filter = filterClause(site, 'navigation', filters);
      return all<NavigationPhase>(
        `SELECT ph.key AS phase, count(*) AS count, ${percentiles('ph.value')}
           FROM ${filter.from}, json_each(e.data, '$.phases') ph WHERE ${filter.where} GROUP BY ph.key ORDER BY ph.key`,
        filter.params,
      );
    },

    resources: (site: string, filters: QueryFilters, limit: number): ResourceSummary => {
      const filter = filterClause(site, 'resources', filters);
      const over = (path: string) => `${filter.from}, json_each(e.data, '${path}') r WHERE ${filter.where}`;
      return {
        byType: all(`SELECT r.key AS type, ${resourceTotals('r')} FROM ${over('$.byType')} GROUP BY r.key ORDER BY transfer DESC, type`, filter.params),
        byOrigin: all(`SELECT r.key AS origin, ${resourceTotals('r')} FROM ${over('$.byOrigin')} GROUP BY r.key ORDER BY transfer DESC, origin`, filter.params),
        renderBlocking: all(
          `SELECT r.value AS url, count(DISTINCT e.view) AS views FROM ${over('$.renderBlocking')} GROUP BY r.value ORDER BY views DESC, url LIMIT ?`,
          [...filter.params, limit],
        ),
        slowest: all(
          `SELECT r.value ->> '$.url' AS url, r.value ->> '$.initiator' AS initiator, count(*) AS count,
                  percentile_cont(r.value ->> '$.duration', 0.75) AS p75, max(r.value ->> '$.duration') AS max
             FROM ${over('$.slowest')} GROUP BY 1, 2 ORDER BY p75 DESC, url LIMIT ?`,
          [...filter.params, limit],
        ),
      };
    },

    delivery: (site: string, { from, to }: QueryFilters): DeliverySummary =>
      get<DeliverySummary>(
        `SELECT count(*) AS batches, coalesce(sum(dropped), 0) AS dropped, count(*) FILTER (WHERE clock_correction != 0) AS corrected,
                coalesce(max(abs(clock_correction)), 0) AS largestCorrection
           FROM batches WHERE site = ? AND received_at >= ? AND received_at < ?`,
        [site, from ?? 0, to ?? Number.MAX_SAFE_INTEGER],
      ) ?? { batches: 0, dropped: 0, corrected: 0, largestCorrection: 0 },

    knownBatches: (site: string, ids: readonly string[]): string[] =>
      all<{ id: string }>(`SELECT id FROM batches WHERE site = ? AND id IN (SELECT value FROM json_each(?))`, [site, JSON.stringify(ids)]).map((row) => row.id),

    view: (site: string, id: string, offset: number, limit: number): ViewDetail | undefined => {
      const view = get<ViewSummary & { ref: number; env: string | null; sdk: string; context: string | null }>(
        `SELECT v.ref, v.id, v.session, v.url, v.release, v.browser, v.device_class AS deviceClass, v.connection,
                v.started_at AS startedAt, v.events, v.env, v.sdk, v.context
           FROM views v WHERE v.site = ? AND v.id = ?`,
        [site, id],
      );
      if (!view) return undefined;
      const { ref, context, ...summary } = view;
      const events = all<EventRow>(
        'SELECT e.type, e.name, e.start, e.duration, e.value, e.route, e.data FROM events e WHERE e.view = ? ORDER BY e.start, e.rowid LIMIT ? OFFSET ?',
        [ref, limit, offset],
      );
      return {
        view: { ...summary, context: parsed(context) },
        events: events.map(({ data, ...event }) => ({ ...event, fields: parsed(data) })),
        total: view.events,
      };
    },

    // Samples are kept per attribution span of a window (prepareProfileStorage.ts): grouped, they
    // are the view's windows and what each span was sampled for.
    viewProfiles: (site: string, id: string) =>
      all<ViewProfile>(
        `SELECT target_kind AS kind, target_name AS name, target_start AS start, interaction_id AS id, sum(ms) AS ms
           FROM profile_samples WHERE site = ? AND view_id = ? GROUP BY 1, 2, 3, 4 ORDER BY start, kind = 'window' DESC, kind, name`,
        [site, id],
      ),
  };
}
