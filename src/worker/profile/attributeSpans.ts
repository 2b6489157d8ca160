import type { ProfileSpan } from '../../protocol/beacon.js';
import type { ProfileSpanEntry } from '../../protocol/workerApi.js';
import type { FoldedTrace } from './foldTrace.js';

/** A span with the samples taken inside it, per folded stack. */
export interface AttributedSpan extends Pick<ProfileSpan, 'kind' | 'name' | 'start' | 'duration' | 'id'> {
  samples: number;
  stackCounts: Map<number, number>;
}

type Span = Pick<ProfileSpan, 'kind' | 'name' | 'start' | 'duration' | 'id'>;

const KINDS: Record<string, ProfileSpan['kind']> = {
  'long-animation-frame': 'loaf',
  longtask: 'longtask',
  measure: 'measure',
};

/**
 * Attributes samples to the spans they fall in. Event Timing reports one entry per event
 * (pointerdown, pointerup, click); those of one interaction share an interactionId and become one
 * span covering them all, named after its last event. Entries without an interaction are not
 * interactions (mousemove, mouse compat events). Spans with no sample inside are left out.
 * Long frames and tasks are found again by their time: the page's `loaf` and `longtask` events
 * (with their scripts) carry the same start.
 */
export function attributeSpans(entries: ProfileSpanEntry[], trace: FoldedTrace): AttributedSpan[] {
  const spans: Span[] = [];
  const interactions = new Map<number, Span>();
  for (const entry of entries) {
    const end = entry.start + entry.duration;
    if (entry.type === 'event') {
      if (!(entry.id > 0)) continue;
      const known = interactions.get(entry.id);
      if (known) {
        const knownEnd = known.start + known.duration;
        known.start = Math.min(known.start, entry.start);
        known.duration = Math.max(knownEnd, end) - known.start;
        known.name = entry.name;
      } else {
        const span: Span = { kind: 'interaction', name: entry.name, start: entry.start, duration: entry.duration, id: entry.id };
        interactions.set(entry.id, span);
        spans.push(span);
      }
    } else {
      const kind = KINDS[entry.type];
      // Long frames and tasks are all named alike ('long-animation-frame', 'self'): only a
      // measure's name says something.
      if (kind) spans.push({ kind, name: kind === 'measure' ? entry.name : '', start: entry.start, duration: entry.duration });
    }
  }

  const attributed: AttributedSpan[] = [];
  for (const span of spans) {
    const stackCounts = new Map<number, number>();
    let samples = 0;
    const end = span.start + span.duration;
    for (let i = firstAtOrAfter(trace.timestamps, span.start); i < trace.timestamps.length && (trace.timestamps[i] as number) <= end; i++) {
      const stack = trace.sampleStacks[i] as number;
      if (stack < 0) continue;
      samples++;
      stackCounts.set(stack, (stackCounts.get(stack) ?? 0) + 1);
    }
    if (samples > 0) attributed.push({ ...span, samples, stackCounts });
  }
  return attributed;
}

function firstAtOrAfter(sorted: Float64Array, time: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < time) low = middle + 1;
    else high = middle;
  }
  return low;
}
