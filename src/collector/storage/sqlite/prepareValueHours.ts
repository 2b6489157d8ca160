import type Database from 'better-sqlite3';
import { hourOf } from '../hourRanges.js';
import { histogramBucket } from '../histograms/histogramBucket.js';
import { addToHistogram, type Histogram } from '../histograms/histogramPercentiles.js';
import { viewFacets } from '../histograms/summaryFacets.js';
import { eachBucket, encodeHistogram } from './histogramBlob.js';

type Key = [site: string, metric: string, facet: string, value: string, name: string, hour: number];

/** What a key's values add up to: their number, their weight (viewWeight.ts) and its share per rating, and their histogram. */
interface Sums {
  count: number;
  weighted: number;
  good: number;
  needs: number;
  poor: number;
}

interface Delta extends Sums {
  key: Key;
  histogram: Histogram;
}

/** A view as its summaries are kept: its site, start, weight and the values of the filters. */
export interface SummarizedView {
  site: string;
  url: string;
  release: string | null;
  deviceClass: string | null;
  browser: string | null;
  connection: string | null;
  startedAt: number;
  weight: number;
}

const RATING_COLUMN = { good: 'good', 'needs-improvement': 'needs', poor: 'poor' } as const;

/**
 * The hourly value summaries (`value_hours`, migration 16): per site, hour and facet
 * (summaryFacets.ts), each vital's and measure's values as exact counts, weights and a vital's
 * weighted ratings, and a histogram; and the page views that started, per page, counted and
 * weighted. Changes are gathered per key (sign 1 as beacons arrive, -1 as views are erased) and
 * merged into the stored rows once per key by `write`: the beacons of one transaction share a
 * handful of keys.
 */
export function prepareValueHours(db: Database.Database) {
  const where = 'site = ? AND metric = ? AND facet = ? AND value = ? AND name = ? AND hour = ?';
  const read = db.prepare(`SELECT count, weighted, good, needs, poor, histogram FROM value_hours WHERE ${where}`);
  const store = db.prepare(
    `INSERT OR REPLACE INTO value_hours (site, metric, facet, value, name, hour, count, weighted, good, needs, poor, histogram)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const remove = db.prepare(`DELETE FROM value_hours WHERE ${where}`);
  const deltas = new Map<string, Delta>();
  const deltaOf = (key: Key) => {
    const id = JSON.stringify(key);
    let delta = deltas.get(id);
    if (!delta) deltas.set(id, (delta = { key, count: 0, weighted: 0, good: 0, needs: 0, poor: 0, histogram: new Map() }));
    return delta;
  };

  return {
    /** Forgets what an earlier transaction (one that failed) left unwritten. */
    clear: () => deltas.clear(),
    /** A vital's value or a measure's duration, for every facet of its view. */
    addValue(view: SummarizedView, metric: 'vital' | 'measure', name: string, at: number, value: number, rating: string | null, sign: 1 | -1): void {
      const bucket = histogramBucket(value);
      const hour = hourOf(at);
      const column = RATING_COLUMN[rating as keyof typeof RATING_COLUMN];
      for (const facet of viewFacets(view)) {
        const delta = deltaOf([view.site, metric, facet.facet, facet.value, name, hour]);
        delta.count += sign;
        delta.weighted += sign * view.weight;
        if (column) delta[column] += sign * view.weight;
        addToHistogram(delta.histogram, bucket, sign);
      }
    },
    /** A page view, counted for its page in the hour it started. */
    addView(view: SummarizedView, sign: 1 | -1): void {
      const delta = deltaOf([view.site, 'view', 'page', view.url, '', hourOf(view.startedAt)]);
      delta.count += sign;
      delta.weighted += sign * view.weight;
    },
    write(): void {
      for (const { key, histogram, ...sums } of deltas.values()) {
        const stored = read.get(...key) as (Sums & { histogram: Buffer }) | undefined;
        if (stored) eachBucket(stored.histogram, (bucket, n) => addToHistogram(histogram, bucket, n));
        const total = (field: keyof Sums) => sums[field] + (stored?.[field] ?? 0);
        if (total('count') <= 0) remove.run(...key);
        else store.run(...key, total('count'), total('weighted'), total('good'), total('needs'), total('poor'), encodeHistogram(histogram));
      }
      deltas.clear();
    },
  };
}
