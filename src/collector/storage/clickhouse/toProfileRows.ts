import type { ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import type { StoredFrame } from '../../profiles/ProfileStorage.js';
import { dayOf } from './toClickHouseRows.js';

/**
 * A profile window as rows of `profile_samples` and `profile_functions` (migration 2), as
 * SQLite's prepareProfileStorage splits it: the window's stacks and its "other", each
 * attribution span's, and the window's exact function times.
 */
export function toProfileRows(site: string, batchId: string, view: ViewContext, event: ProfileEvent) {
  const frames = event.frames.map(([name, resource, line, column]): StoredFrame => ({ name, url: event.resources[resource] ?? '', line, column }));
  const stacks = event.stacks.map(([indices]) => JSON.stringify(indices.flatMap((index) => frames[index] ?? [])));
  const at = Math.round(view.startedAt + event.start);
  const common = { site, day: dayOf(at), at, batch_id: batchId, view_id: view.id, page: view.url, route: event.route ?? null, release: view.release ?? null };
  const ms = (count: number) => count * event.interval;
  const samples: Record<string, unknown>[] = [];
  const target = (kind: string, name: string, start: number, id: number | null, counts: [number, number][], other: number) => {
    const row = { ...common, target_kind: kind, target_name: name, target_start: start, interaction_id: id };
    for (const [stack, count] of counts) samples.push({ ...row, stack: stacks[stack] ?? '[]', ms: ms(count) });
    if (other > 0) samples.push({ ...row, stack: '', ms: ms(other) });
  };
  target('window', '', event.start, null, event.stacks.map(([, count], i) => [i, count]), event.other);
  for (const span of event.spans) target(span.kind, span.name, span.start, span.id ?? null, span.stacks, span.other);
  const functions = event.functions.flatMap(([frame, self, total]) => {
    const known = frames[frame];
    return known ? [{ ...common, frame: JSON.stringify(known), self_ms: ms(self), total_ms: ms(total) }] : [];
  });
  return { samples, functions };
}
