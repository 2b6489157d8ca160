import type Database from 'better-sqlite3';
import type { Erased, ErasureTarget } from '../Storage.js';
import { prepareValueHours } from './prepareValueHours.js';
import { fillReleaseSpans } from './releaseSpans.js';
import { HOUR_MS } from '../hourRanges.js';

/** The filter values a view adds (prepareSummaries.ts), by the views column each is read from. */
const FACET_COLUMNS = { page: 'url', release: 'release', device: 'device_class', browser: 'browser', connection: 'connection' } as const;
type Facet = keyof typeof FACET_COLUMNS;

type ErasedView = { ref: number; id: string; pageId: number; startedAt: number; weight: number } & Record<Facet, string | null>;
type SummarizedValue = { type: string; name: string; at: number; value: number | null; duration: number | null; rating: string | null; weight: number };

/**
 * Erasure, in one transaction: the views, their events and profile windows go; the summaries
 * are made again without them (the hourly script sums of the hours they had long frames in, from
 * the events left; each filter value from the newest view left that has it), their values and
 * page views are taken out of the hourly value summaries, and a page no view has any more goes.
 * The batch ids stay, without their view, so that a retry of an erased batch still counts as a
 * duplicate and is not stored again.
 */
export function prepareErase(db: Database.Database): (site: string, target: ErasureTarget) => Erased {
  const columns = `ref, id, page AS pageId, started_at AS startedAt, weight, ${Object.entries(FACET_COLUMNS)
    .map(([facet, column]) => `${column} AS ${facet}`)
    .join(', ')}`;
  const viewById = db.prepare(`SELECT ${columns} FROM views WHERE site = ? AND id = ?`);
  const viewsOfSession = db.prepare(`SELECT ${columns} FROM views WHERE site = ? AND session = ?`);
  // From the covering index: the long frames of one site are a range of it.
  const frameHours = db.prepare(`SELECT DISTINCT at / ${HOUR_MS} FROM events WHERE site = ? AND type = 'loaf' AND view = ?`).pluck();
  const summarizedValues = db.prepare(
    "SELECT type, name, at, value, duration, rating, weight FROM events WHERE site = ? AND view = ? AND type IN ('vital', 'measure')",
  );
  const valueHours = prepareValueHours(db);
  const deleteEvents = db.prepare('DELETE FROM events WHERE site = ? AND view = ?');
  const deleteSamples = db.prepare('DELETE FROM profile_samples WHERE site = ? AND view_id = ?');
  const deleteFunctions = db.prepare('DELETE FROM profile_functions WHERE site = ? AND view_id = ?');
  const deleteView = db.prepare('DELETE FROM views WHERE ref = ?');
  const forgetBatches = db.prepare("UPDATE batches SET view_id = '' WHERE site = ? AND view_id = ?");
  const deleteScriptHour = db.prepare('DELETE FROM frame_script_hours WHERE site = ? AND hour = ? AND release = ?');
  const sumScriptHour = db.prepare(
    `INSERT INTO frame_script_hours
       SELECT e.site, e.at / ${HOUR_MS}, coalesce(v.release, ''), s.value ->> '$.url', s.value ->> '$.fn', s.value ->> '$.invoker',
              s.value ->> '$.invokerType', count(*), sum(s.value ->> '$.duration'), max(s.value ->> '$.duration')
         FROM events e JOIN views v ON v.ref = e.view, json_each(e.data, '$.scripts') s
        WHERE e.site = ? AND e.type = 'loaf' AND e.at >= ? AND e.at < ? AND coalesce(v.release, '') = ?
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
  );
  const newestWith = Object.fromEntries(
    Object.entries(FACET_COLUMNS).map(([facet, column]) => [facet, db.prepare(`SELECT max(started_at) FROM views WHERE site = ? AND ${column} = ?`).pluck()]),
  ) as Record<Facet, Database.Statement>;
  const setFacet = db.prepare('UPDATE facet_values SET last_seen = ? WHERE site = ? AND facet = ? AND value = ?');
  const deleteFacet = db.prepare('DELETE FROM facet_values WHERE site = ? AND facet = ? AND value = ?');
  const deleteReleaseSpan = db.prepare('DELETE FROM release_spans WHERE site = ? AND release = ?');
  const remakeReleaseSpan = db.prepare(fillReleaseSpans('site = ? AND release = ?'));
  const deleteUnviewedPage = db.prepare('DELETE FROM pages WHERE id = ? AND NOT EXISTS (SELECT 1 FROM views WHERE page = ?)');

  return db.transaction((site: string, target: ErasureTarget): Erased => {
    const views = ('view' in target ? viewById.all(site, target.view) : viewsOfSession.all(site, target.session)) as ErasedView[];
    const hours = new Set<string>();
    const facets = new Set<string>();
    let events = 0;
    valueHours.clear();
    for (const view of views) {
      const { page: url, release, device: deviceClass, browser, connection, startedAt, weight } = view;
      const summarized = { site, url: url ?? '', release, deviceClass, browser, connection, startedAt, weight };
      valueHours.addView(summarized, -1);
      for (const row of summarizedValues.all(site, view.ref) as SummarizedValue[]) {
        const of = { ...summarized, weight: row.weight };
        if (row.type === 'vital' && row.value !== null) valueHours.addValue(of, 'vital', row.name, row.at, row.value, row.rating, -1);
        else if (row.type === 'measure' && row.duration !== null) valueHours.addValue(of, 'measure', row.name, row.at, row.duration, null, -1);
      }
      for (const hour of frameHours.all(site, view.ref) as number[]) hours.add(JSON.stringify([hour, view.release ?? '']));
      for (const facet of Object.keys(FACET_COLUMNS) as Facet[]) if (view[facet] !== null) facets.add(JSON.stringify([facet, view[facet]]));
      events += deleteEvents.run(site, view.ref).changes;
      deleteSamples.run(site, view.id);
      deleteFunctions.run(site, view.id);
      deleteView.run(view.ref);
      forgetBatches.run(site, view.id);
    }
    for (const key of hours) {
      const [hour, release] = JSON.parse(key) as [number, string];
      deleteScriptHour.run(site, hour, release);
      sumScriptHour.run(site, hour * HOUR_MS, (hour + 1) * HOUR_MS, release);
    }
    for (const key of facets) {
      const [facet, value] = JSON.parse(key) as [Facet, string];
      const newest = newestWith[facet].get(site, value) as number | null;
      if (newest === null) deleteFacet.run(site, facet, value);
      else setFacet.run(newest, site, facet, value);
    }
    valueHours.write();
    for (const release of new Set(views.flatMap((view) => (view.release === null ? [] : [view.release])))) {
      deleteReleaseSpan.run(site, release);
      remakeReleaseSpan.run(site, release);
    }
    for (const page of new Set(views.map((view) => view.pageId))) deleteUnviewedPage.run(page, page);
    return { views: views.length, events };
  });
}
