import type Database from 'better-sqlite3';
import { HOUR_MS, hourOf } from '../hourRanges.js';
import type { Removed } from '../Storage.js';
import { registerHistogram } from './registerHistogram.js';
import { fillReleaseSpans } from './releaseSpans.js';
import { fillValueHours, fillViewHours } from './valueHoursFill.js';

/** Rows deleted per transaction, so that retention never holds the write lock for long. */
const CHUNK = 5000;
/** An event starts at most a day after its view (`millis` in protocol/beacon.ts). */
const EVENT_OFFSET_MS = 86_400_000;

/**
 * Retention. Events go by their own time, in chunks; a view goes once none of its events can
 * still be younger than the cutoff; batch ids go by when they were received.
 */
export function prepareDeleteBefore(db: Database.Database): (cutoff: number) => Removed {
  const deleteEvents = db.prepare(`DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE at < ? LIMIT ${CHUNK})`);
  const deleteViews = db.prepare(`DELETE FROM views WHERE rowid IN (SELECT rowid FROM views WHERE started_at < ? LIMIT ${CHUNK})`);
  const deleteBatches = db.prepare(`DELETE FROM batches WHERE (site, id) IN (SELECT site, id FROM batches WHERE received_at < ? LIMIT ${CHUNK})`);
  const deleteProfileSamples = db.prepare(`DELETE FROM profile_samples WHERE rowid IN (SELECT rowid FROM profile_samples WHERE at < ? LIMIT ${CHUNK})`);
  const deleteProfileFunctions = db.prepare(`DELETE FROM profile_functions WHERE rowid IN (SELECT rowid FROM profile_functions WHERE at < ? LIMIT ${CHUNK})`);
  // Sums of hours wholly before the cutoff: a few rows per hour, deleted at once.
  const deleteScriptHours = db.prepare('DELETE FROM frame_script_hours WHERE hour < ?');
  // Value summaries go with their hour's events, counts of page views with the views, a day
  // later; the hour a cutoff cuts is summed again from what is left of it.
  registerHistogram(db);
  const deleteValueHours = db.prepare("DELETE FROM value_hours WHERE metric != 'view' AND hour <= ?");
  const deleteViewHours = db.prepare("DELETE FROM value_hours WHERE metric = 'view' AND hour <= ?");
  const sumValueHour = db.prepare(fillValueHours('e.at >= ? AND e.at < ?'));
  // Releases' spans are made again from the views left: their first views may have gone.
  const deleteReleaseSpans = db.prepare('DELETE FROM release_spans');
  const remakeReleaseSpans = db.prepare(fillReleaseSpans('1'));
  const sumViewHour = db.prepare(fillViewHours('started_at >= ? AND started_at < ?'));
  const cutHour = (cutoff: number): [number, number] => [hourOf(cutoff) * HOUR_MS, (hourOf(cutoff) + 1) * HOUR_MS];
  // A filter value goes with its newest view, a page's URL with its last view.
  const deleteFacetValues = db.prepare('DELETE FROM facet_values WHERE last_seen < ?');
  const deleteUnviewedPages = db.prepare('DELETE FROM pages WHERE id NOT IN (SELECT page FROM views)');
  // Frames and stacks are interned per site and outlive the windows that used them: what no
  // remaining row refers to goes (a stack lists its frames' ids, comma-separated).
  const deleteUnusedStacks = db.prepare('DELETE FROM profile_stacks WHERE id NOT IN (SELECT stack_id FROM profile_samples WHERE stack_id IS NOT NULL)');
  const deleteUnusedFrames = db.prepare(
    `DELETE FROM profile_frames WHERE id NOT IN (SELECT frame_id FROM profile_functions)
       AND id NOT IN (SELECT CAST(value AS INTEGER) FROM profile_stacks, json_each('[' || profile_stacks.frames || ']'))`,
  );
  // A release's maps go once none of its views is left (its filter value went with its newest
  // view), unless they were uploaded since the cutoff: maps come before a release's first view.
  const deleteUnusedSourceMaps = db.prepare(
    `DELETE FROM sourcemaps WHERE uploaded_at < ?
       AND NOT EXISTS (SELECT 1 FROM facet_values f WHERE f.site = sourcemaps.site AND f.facet = 'release' AND f.value = sourcemaps.release)`,
  );
  const drain = (statement: Database.Statement, cutoff: number) => {
    let removed = 0;
    for (let changes = CHUNK; changes === CHUNK; removed += changes) changes = statement.run(cutoff).changes;
    return removed;
  };
  return (cutoff) => {
    deleteScriptHours.run(hourOf(cutoff));
    deleteFacetValues.run(cutoff - EVENT_OFFSET_MS);
    const removed = {
      // A profile window's rows are its events' detail: they go with them, counted as events.
      events: drain(deleteEvents, cutoff) + drain(deleteProfileSamples, cutoff) + drain(deleteProfileFunctions, cutoff),
      views: drain(deleteViews, cutoff - EVENT_OFFSET_MS),
      batches: drain(deleteBatches, cutoff),
      sourceMaps: 0,
    };
    deleteValueHours.run(hourOf(cutoff));
    sumValueHour.run(...cutHour(cutoff));
    deleteViewHours.run(hourOf(cutoff - EVENT_OFFSET_MS));
    sumViewHour.run(...cutHour(cutoff - EVENT_OFFSET_MS));
    if (removed.views > 0) {
      deleteReleaseSpans.run();
      remakeReleaseSpans.run();
    }
    deleteUnviewedPages.run();
    deleteUnusedStacks.run();
    deleteUnusedFrames.run();
    removed.sourceMaps = deleteUnusedSourceMaps.run(cutoff).changes;
    return removed;
  };
}
