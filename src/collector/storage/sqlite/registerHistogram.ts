import type Database from 'better-sqlite3';
import { histogramBucket } from '../histograms/histogramBucket.js';
import { addToHistogram, type Histogram } from '../histograms/histogramPercentiles.js';
import { eachBucket, encodeHistogram } from './histogramBlob.js';

/**
 * `pageprof_histogram(x)`: the histogram of a group's values as `value_hours` stores it, for the SQL
 * that fills it (valueHoursFill.ts); `pageprof_merged_histogram(blob)`: the stored histograms of a
 * group as one, for the reads of many hours (prepareSummaryReads.ts).
 */
export function registerHistogram(db: Database.Database): void {
  db.aggregate<Histogram>('pageprof_histogram', {
    start: () => new Map(),
    // (better-sqlite3 types a step's argument after the total's type; SQLite passes the number.)
    step: (histogram, value) => addToHistogram(histogram, histogramBucket(Number(value)), 1),
    result: encodeHistogram,
  });
  db.aggregate<Histogram>('pageprof_merged_histogram', {
    start: () => new Map(),
    step: (histogram, blob) => eachBucket(blob as unknown as Uint8Array, (bucket, count) => addToHistogram(histogram, bucket, count)),
    result: encodeHistogram,
  });
}
