import type Database from 'better-sqlite3';
import { conditions } from './conditions.js';
import type { ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import type { ProfileQuery, StoredFrame, StoredFunction, StoredStack, StoredTarget } from '../ProfileStorage.js';
import { statementCache } from './statementCache.js';

/** What a row pointing at a frame that is not stored reads as. */
export const UNKNOWN_FRAME: StoredFrame = { name: '(unknown frame)', url: '', line: 0, column: 0 };

/** WHERE clause and parameters of a query, on the columns both profile tables share. */
function where(query: Partial<ProfileQuery> & { site: string }, withTarget: boolean): [string, unknown[]] {
  const { add, where, params } = conditions();
  add('site = ?', query.site);
  if (withTarget) {
    add('target_kind = ?', query.kind);
    add('target_name = ?', query.name);
    add('interaction_id = ?', query.id);
  }
  add('page = ?', query.page);
  add('route = ?', query.route);
  add('release = ?', query.release);
  add('at >= ?', query.from);
  add('at < ?', query.to);
  return [where(), params];
}

/** The profile side of the SQLite adapter's writes: a window's rows, in the beacon's transaction, and source maps. */
export function prepareProfileWrites(db: Database.Database) {
  const internFrame = db.prepare(
    `INSERT INTO profile_frames (site, name, url, line, col) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (site, name, url, line, col) DO UPDATE SET name = excluded.name RETURNING id`,
  );
  const internStack = db.prepare(
    'INSERT INTO profile_stacks (site, frames) VALUES (?, ?) ON CONFLICT (site, frames) DO UPDATE SET frames = excluded.frames RETURNING id',
  );
  const insertSample = db.prepare(
    `INSERT INTO profile_samples (site, view_id, page, route, release, target_kind, target_name, target_start, interaction_id, stack_id, ms, samples, estimated, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertFunction = db.prepare(
    `INSERT INTO profile_functions (site, view_id, page, route, release, frame_id, self_ms, total_ms, self_samples, total_samples, estimated, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const putSourceMap = db.prepare(
    `INSERT INTO sourcemaps (site, release, file, map, uploaded_at, bytes) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (site, release, file) DO UPDATE SET map = excluded.map, uploaded_at = excluded.uploaded_at, bytes = excluded.bytes`,
  );

  /** `estimated`: the window's times are sample counts × a mean interval (protocol 1). */
  function insert(site: string, view: ViewContext, event: ProfileEvent, estimated: boolean): void {
    const frameIds = event.frames.map(([name, resource, line, column]) => {
      const url = event.resources[resource] ?? '';
      return (internFrame.get(site, name, url, line, column) as { id: number }).id;
    });
    const stackIds = event.stacks.map(([frames]) => {
      const key = frames.map((frame) => frameIds[frame] ?? 0).join(',');
      return (internStack.get(site, key) as { id: number }).id;
    });
    const route = event.route ?? null;
    const release = view.release ?? null;
    const at = Math.round(view.startedAt + event.start);
    const flag = estimated ? 1 : 0;
    type Stacks = [stack: number, samples: number, ms: number][];
    const target = (kind: string, name: string, start: number, id: number | null, stacks: Stacks, other: number, otherMs: number) => {
      const row = (stack: number | null, samples: number, ms: number) =>
        insertSample.run(site, view.id, view.url, route, release, kind, name, start, id, stack, ms, samples, flag, at);
      for (const [stack, samples, ms] of stacks) row(stackIds[stack] ?? null, samples, ms);
      if (other > 0 || otherMs > 0) row(null, other, otherMs);
    };
    target(
      'window',
      '',
      event.start,
      null,
      event.stacks.map(([, samples, ms], i) => [i, samples, ms]),
      event.other,
      event.otherMs,
    );
    for (const span of event.spans) target(span.kind, span.name, span.start, span.id ?? null, span.stacks, span.other, span.otherMs);
    for (const [frame, selfMs, totalMs, selfSamples, totalSamples] of event.functions) {
      insertFunction.run(site, view.id, view.url, route, release, frameIds[frame] ?? 0, selfMs, totalMs, selfSamples, totalSamples, flag, at);
    }
  }

  return {
    insert,
    putSourceMap: (site: string, release: string, file: string, map: string, at: number) =>
      void putSourceMap.run(site, release, file, map, at, Buffer.byteLength(map)),
  };
}

/** The profile side of the SQLite adapter's reads: stacks, functions and targets of a query, and source maps. */
export function prepareProfileReads(db: Database.Database) {
  const { all, get } = statementCache(db);
  const frameById = db.prepare('SELECT name, url, line, col AS column FROM profile_frames WHERE id = ?');
  const stackById = db.prepare('SELECT frames FROM profile_stacks WHERE id = ?').pluck();

  /** Frames by id, read once per query; undefined for an id no frame has. */
  function frameReader(): (id: number) => StoredFrame | undefined {
    const cache = new Map<number, StoredFrame | undefined>();
    return (id) => {
      if (!cache.has(id)) cache.set(id, frameById.get(id) as StoredFrame | undefined);
      return cache.get(id);
    };
  }

  // A row that points at a frame or stack that is not there (a database written by an older
  // version, or by hand) loses that frame, not the query: a stack of only unknown frames keeps
  // its time under UNKNOWN_FRAME instead of the "other" remainder.
  function stacks(query: ProfileQuery): StoredStack[] {
    const [clause, params] = where(query, true);
    const rows = all<{ release: string | null; stack: number | null; ms: number; samples: number; estimated: number }>(
      `SELECT release, stack_id AS stack, sum(ms) AS ms, coalesce(sum(samples), 0) AS samples, max(estimated) AS estimated
         FROM profile_samples WHERE ${clause} GROUP BY release, stack_id`,
      params,
    );
    const frame = frameReader();
    return rows.flatMap(({ release, stack, ms, samples, estimated }) => {
      const stored = { release, ms, samples, estimated: estimated === 1 };
      if (stack === null) return [{ ...stored, frames: [] }];
      const ids = stackById.get(stack) as string | undefined;
      const frames = (ids ?? '').split(',').flatMap((id) => frame(Number(id)) ?? []);
      return [{ ...stored, frames: frames.length > 0 ? frames : [UNKNOWN_FRAME] }];
    });
  }

  function functions(query: ProfileQuery): StoredFunction[] {
    const [clause, params] = where(query, false);
    const rows = all<Omit<StoredFunction, 'frame' | 'estimated'> & { frame: number; estimated: number }>(
      `SELECT release, frame_id AS frame, sum(self_ms) AS selfMs, sum(total_ms) AS totalMs, coalesce(sum(self_samples), 0) AS selfSamples,
              coalesce(sum(total_samples), 0) AS totalSamples, max(estimated) AS estimated
         FROM profile_functions WHERE ${clause} GROUP BY release, frame_id`,
      params,
    );
    const frame = frameReader();
    return rows.flatMap((row) => {
      const known = frame(row.frame);
      return known ? [{ ...row, estimated: row.estimated === 1, frame: known }] : [];
    });
  }

  function targets(query: Omit<ProfileQuery, 'kind' | 'name' | 'id'>): StoredTarget[] {
    const [clause, params] = where(query, false);
    const rows = all<Omit<StoredTarget, 'estimated'> & { estimated: number }>(
      `SELECT target_kind AS kind, target_name AS name, count(DISTINCT view_id || ' ' || target_start) AS count, sum(ms) AS ms,
              coalesce(sum(samples), 0) AS samples, max(estimated) AS estimated
         FROM profile_samples WHERE ${clause} GROUP BY target_kind, target_name ORDER BY ms DESC LIMIT 200`,
      params,
    );
    return rows.map((row) => ({ ...row, estimated: row.estimated === 1 }));
  }

  return {
    stacks,
    functions,
    targets,
    sourceMaps: (site: string, release: string) =>
      all<{ file: string; map: string }>('SELECT file, map FROM sourcemaps WHERE site = ? AND release = ?', [site, release]),
    /** How many maps the site keeps and their bytes, leaving out the one an upload would replace. */
    sourceMapUsage: (site: string, { release, file }: { release: string; file: string }) =>
      get<{ count: number; bytes: number }>(
        'SELECT count(*) AS count, coalesce(sum(bytes), 0) AS bytes FROM sourcemaps WHERE site = ? AND NOT (release = ? AND file = ?)',
        [site, release, file],
      ) ?? { count: 0, bytes: 0 },
  };
}
