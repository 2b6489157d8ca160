import type Database from 'better-sqlite3';
import type { ProfileEvent, ProfileSpan } from '../../../protocol/beacon.js';
import type { StoredFrame } from '../ProfileStorage.js';
import { UNKNOWN_FRAME } from './prepareProfiles.js';

interface SampleRow {
  kind: string;
  name: string;
  start: number;
  interactionId: number | null;
  stack: number | null;
  ms: number;
  samples: number | null;
  estimated: number;
  at: number;
  route: string | null;
}

interface FunctionRow {
  frame: number;
  selfMs: number;
  totalMs: number;
  selfSamples: number | null;
  totalSamples: number | null;
  estimated: number;
  at: number;
}

type Frame = ProfileEvent['frames'][number];

/**
 * A page view's stored profile windows as the events they were, for `pageprof migrate`: each
 * window's rows (its stacks and remainder, each span's, its functions) share the window's time,
 * and its frames and stacks are the interned ones put back as the window's own arrays. What is
 * not stored comes back empty: why the window ended, its and its spans' durations, its sampling
 * interval and idle count, none of which a query answers. Windows of protocol 1, whose times
 * were estimated from sample counts, are counted and left out: a window of today's protocol
 * would lose that mark. The profile tables have no index by view, so temporary ones are made.
 */
export function prepareStoredProfiles(db: Database.Database, counted: { estimatedWindows: number }) {
  db.exec(`CREATE TEMP TABLE migrate_samples AS SELECT rowid AS row, site, view_id FROM profile_samples;
           CREATE INDEX temp.migrate_samples_by_view ON migrate_samples (site, view_id);
           CREATE TEMP TABLE migrate_functions AS SELECT rowid AS row, site, view_id FROM profile_functions;
           CREATE INDEX temp.migrate_functions_by_view ON migrate_functions (site, view_id);`);
  const samplesOf = db.prepare<[string, string], SampleRow>(
    `SELECT p.target_kind AS kind, p.target_name AS name, p.target_start AS start, p.interaction_id AS interactionId, p.stack_id AS stack,
            p.ms, p.samples, p.estimated, p.at, p.route
       FROM temp.migrate_samples t JOIN profile_samples p ON p.rowid = t.row WHERE t.site = ? AND t.view_id = ? ORDER BY p.at, p.rowid`,
  );
  const functionsOf = db.prepare<[string, string], FunctionRow>(
    `SELECT p.frame_id AS frame, p.self_ms AS selfMs, p.total_ms AS totalMs, p.self_samples AS selfSamples, p.total_samples AS totalSamples,
            p.estimated, p.at
       FROM temp.migrate_functions t JOIN profile_functions p ON p.rowid = t.row WHERE t.site = ? AND t.view_id = ? ORDER BY p.rowid`,
  );
  const frameById = db.prepare<[number], StoredFrame>('SELECT name, url, line, col AS column FROM profile_frames WHERE id = ?');
  const stackById = db.prepare<[number], string>('SELECT frames FROM profile_stacks WHERE id = ?').pluck();

  function toWindow(samples: SampleRow[], functions: FunctionRow[]): ProfileEvent {
    const resources: string[] = [];
    const frames: Frame[] = [];
    const frameIndex = new Map<number, number>();
    const indexOfFrame = (id: number) => {
      let index = frameIndex.get(id);
      if (index === undefined) {
        const { name, url, line, column } = frameById.get(id) ?? UNKNOWN_FRAME;
        // As the SDK sends them: a frame without a script has no resource (-1).
        let resource = url ? resources.indexOf(url) : -1;
        if (url && resource < 0) resource = resources.push(url) - 1;
        index = frames.push([name, resource, line, column]) - 1;
        frameIndex.set(id, index);
      }
      return index;
    };
    const stacks: ProfileEvent['stacks'] = [];
    const stackIndex = new Map<number, number>();
    const indexOfStack = (id: number) => {
      let index = stackIndex.get(id);
      if (index === undefined) {
        const ids = (stackById.get(id) ?? '').split(',').filter(Boolean).map(Number);
        index = stacks.push([ids.map(indexOfFrame), 0, 0]) - 1;
        stackIndex.set(id, index);
      }
      return index;
    };
    const window = samples.find((row) => row.kind === 'window');
    let other = 0;
    let otherMs = 0;
    const spans = new Map<string, ProfileSpan>();
    for (const row of samples) {
      if (row.kind === 'window') {
        if (row.stack === null) {
          other += row.samples ?? 0;
          otherMs += row.ms;
        } else {
          const stack = stacks[indexOfStack(row.stack)] as ProfileEvent['stacks'][number];
          stack[1] += row.samples ?? 0;
          stack[2] += row.ms;
        }
        continue;
      }
      const key = JSON.stringify([row.kind, row.name, row.start, row.interactionId]);
      let span = spans.get(key);
      if (!span) {
        span = { kind: row.kind as ProfileSpan['kind'], name: row.name, start: row.start, duration: 0, samples: 0, stacks: [], other: 0, otherMs: 0 };
        if (row.interactionId !== null) span.id = row.interactionId;
        spans.set(key, span);
      }
      span.samples += row.samples ?? 0;
      if (row.stack === null) {
        span.other += row.samples ?? 0;
        span.otherMs += row.ms;
      } else span.stacks.push([indexOfStack(row.stack), row.samples ?? 0, row.ms]);
    }
    return {
      type: 'profile',
      name: '',
      start: window?.start ?? 0,
      ...(window?.route ? { route: window.route } : {}),
      duration: 0,
      interval: 0,
      samples: stacks.reduce((sum, [, count]) => sum + count, other),
      idle: 0,
      resources,
      frames,
      stacks,
      other,
      otherMs,
      functions: functions.map(({ frame, selfMs, totalMs, selfSamples, totalSamples }) => [
        indexOfFrame(frame),
        selfMs,
        totalMs,
        selfSamples ?? 0,
        totalSamples ?? 0,
      ]),
      spans: [...spans.values()],
    };
  }

  /** The view's windows, oldest first. */
  return (site: string, viewId: string): ProfileEvent[] => {
    const byTime = new Map<number, { samples: SampleRow[]; functions: FunctionRow[]; estimated: boolean }>();
    const of = (at: number) => {
      let window = byTime.get(at);
      if (!window) byTime.set(at, (window = { samples: [], functions: [], estimated: false }));
      return window;
    };
    for (const row of samplesOf.all(site, viewId)) {
      const window = of(row.at);
      window.samples.push(row);
      window.estimated ||= row.estimated === 1;
    }
    for (const row of functionsOf.all(site, viewId)) {
      const window = of(row.at);
      window.functions.push(row);
      window.estimated ||= row.estimated === 1;
    }
    const windows: ProfileEvent[] = [];
    for (const [, window] of [...byTime].sort(([a], [b]) => a - b)) {
      if (window.estimated) counted.estimatedWindows++;
      else windows.push(toWindow(window.samples, window.functions));
    }
    return windows;
  };
}
