import type { ProfileEvent, ViewContext } from '../../../protocol/beacon.js';
import type { StoredFrame } from '../ProfileStorage.js';
import { dayOf } from './toClickHouseRows.js';

type Stacks = [stack: number, samples: number, ms: number][];

/**
 * A profile window as rows of `profile_samples` and `profile_functions` (migrations 2 and 3), as
 * SQLite's prepareProfileStorage splits it: the window's stacks and its "other", each
 * attribution span's, and the window's exact function times, each with the samples behind it
 * and whether its times are estimated from counts (protocol 1).
 */
export function toProfileRows(site: string, batchId: string, view: ViewContext, event: ProfileEvent, estimated: boolean) {
  const frames = event.frames.map(([name, resource, line, column]): StoredFrame => ({ name, url: event.resources[resource] ?? '', line, column }));
  const stacks = event.stacks.map(([indices]) => JSON.stringify(indices.flatMap((index) => frames[index] ?? [])));
  const at = Math.round(view.startedAt + event.start);
  const common = {
    site,
    day: dayOf(at),
    at,
    batch_id: batchId,
    view_id: view.id,
    page: view.url,
    route: event.route ?? null,
    release: view.release ?? null,
    estimated: estimated ? 1 : 0,
  };
  const samples: Record<string, unknown>[] = [];
  const target = (kind: string, name: string, start: number, id: number | null, counted: Stacks, other: number, otherMs: number) => {
    const row = { ...common, target_kind: kind, target_name: name, target_start: start, interaction_id: id };
    for (const [stack, count, ms] of counted) samples.push({ ...row, stack: stacks[stack] ?? '[]', samples: count, ms });
    if (other > 0 || otherMs > 0) samples.push({ ...row, stack: '', samples: other, ms: otherMs });
  };
  target(
    'window',
    '',
    event.start,
    null,
    event.stacks.map(([, count, ms], i) => [i, count, ms]),
    event.other,
    event.otherMs,
  );
  for (const span of event.spans) target(span.kind, span.name, span.start, span.id ?? null, span.stacks, span.other, span.otherMs);
  const functions = event.functions.flatMap(([frame, selfMs, totalMs, selfSamples, totalSamples]) => {
    const known = frames[frame];
    return known
      ? [{ ...common, frame: JSON.stringify(known), self_ms: selfMs, total_ms: totalMs, self_samples: selfSamples, total_samples: totalSamples }]
      : [];
  });
  return { samples, functions };
}
