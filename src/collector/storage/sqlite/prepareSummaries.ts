import type Database from 'better-sqlite3';
import { tagValues } from '../tagValues.js';
import { prepareValueHours, type SummarizedView } from './prepareValueHours.js';
import type { BeaconRows } from './toBeaconRows.js';

type ScriptSum = [
  site: string,
  hour: number,
  release: string,
  url: string,
  fn: string,
  invoker: string,
  invokerType: string,
  count: number,
  total: number,
  max: number,
];
type FacetValue = [site: string, facet: string, value: string, lastSeen: number];
type ReleaseSpan = [site: string, release: string, firstSeen: number, lastSeen: number, views: number];

/**
 * The summaries kept as beacons arrive (migrations 8, 9, 11, 16 and 17): long-frame scripts summed
 * per hour and release, each filter value with the start of its newest view, each release's first
 * and latest view and views, and the hourly value summaries (prepareValueHours.ts). A transaction's beacons are summed here and written once per
 * key at its end: the beacons of one flush share a handful of keys.
 */
export function prepareSummaries(db: Database.Database) {
  const addScriptSum = db.prepare(
    `INSERT INTO frame_script_hours (site, hour, release, url, fn, invoker, invoker_type, count, total, max) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET count = count + excluded.count, total = total + excluded.total, max = max(max, excluded.max)`,
  );
  const addFacetValue = db.prepare(
    'INSERT INTO facet_values (site, facet, value, last_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)',
  );
  const addReleaseSpan = db.prepare(
    `INSERT INTO release_spans (site, release, first_seen, last_seen, views) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET first_seen = min(first_seen, excluded.first_seen), last_seen = max(last_seen, excluded.last_seen), views = views + excluded.views`,
  );
  const scripts = new Map<string, ScriptSum>();
  const releases = new Map<string, ReleaseSpan>();
  const facets = new Map<string, FacetValue>();
  const addFacet = (site: string, facet: string, value: string, startedAt: number) => {
    const key = JSON.stringify([site, facet, value]);
    const seen = facets.get(key);
    if (!seen) facets.set(key, [site, facet, value, startedAt]);
    else seen[3] = Math.max(seen[3], startedAt);
  };
  const valueHours = prepareValueHours(db);

  return {
    /** Forgets what an earlier transaction (one that failed) left unwritten. */
    begin(): void {
      scripts.clear();
      facets.clear();
      releases.clear();
      valueHours.clear();
    },
    addScripts(site: string, rows: BeaconRows['scripts']): void {
      for (const [hour, release, url, fn, invoker, invokerType, duration] of rows) {
        const key = JSON.stringify([site, hour, release, url, fn, invoker, invokerType]);
        const sum = scripts.get(key);
        if (!sum) scripts.set(key, [site, hour, release, url, fn, invoker, invokerType, 1, duration, duration]);
        else {
          sum[7]++;
          sum[8] += duration;
          sum[9] = Math.max(sum[9], duration);
        }
      }
    },
    /** The vitals' values and the measures' durations of a stored beacon, under its stored view's filter values. */
    addValues(view: SummarizedView, events: BeaconRows['events']): void {
      for (const [type, name, , duration, value, , , at, rating] of events) {
        if (type === 'vital' && value !== null) valueHours.addValue(view, 'vital', name, at, value, rating, 1);
        else if (type === 'measure' && duration !== null) valueHours.addValue(view, 'measure', name, at, duration, null, 1);
      }
    },
    /** A new view: its filter values, and its page's count of views. */
    addView(view: SummarizedView): void {
      valueHours.addView(view, 1);
      for (const [facet, value] of [
        ['page', view.url],
        ['release', view.release],
        ['device', view.deviceClass],
        ['browser', view.browser],
        ['connection', view.connection],
      ] as const) {
        if (value !== null) addFacet(view.site, facet, value, view.startedAt);
      }
      if (view.release === null) return;
      const key = JSON.stringify([view.site, view.release]);
      const span = releases.get(key);
      if (!span) releases.set(key, [view.site, view.release, view.startedAt, view.startedAt, 1]);
      else {
        span[2] = Math.min(span[2], view.startedAt);
        span[3] = Math.max(span[3], view.startedAt);
        span[4]++;
      }
    },
    addTags(site: string, tags: BeaconRows['tags'], startedAt: number): void {
      for (const tag of tagValues(tags)) addFacet(site, 'tag', tag, startedAt);
    },
    write(): void {
      for (const sum of scripts.values()) addScriptSum.run(sum);
      for (const value of facets.values()) addFacetValue.run(value);
      for (const span of releases.values()) addReleaseSpan.run(span);
      valueHours.write();
    },
  };
}
