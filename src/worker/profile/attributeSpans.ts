import type { ProfileSpan } from '../../protocol/beacon.js';
import type { ProfileSpanEntry } from '../../protocol/workerApi.js';
import type { FoldedTrace } from './foldTrace.js';

/** Samples, and the time they stand for. */
export interface SampledTime {
  count: number;
  ms: number;
}

/** A span with the samples taken inside it and their time inside it, in all and per folded stack. */
export interface AttributedSpan extends Pick<ProfileSpan, 'kind' | 'name' | 'start' | 'duration' | 'id'> {
  samples: number;
  ms: number;
  stackTimes: Map<number, SampledTime>;
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
 * interactions (mousemove, mouse compat events). A span gets the samples taken inside it and the
 * part of each sample's time (the stretch from it to the next, sampleWeights) that falls inside
 * it, so its time never exceeds its duration; spans without sampled time are left out.
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
  const { timestamps, sampleStacks, weights } = trace;
  for (const span of spans) {
    const stackTimes = new Map<number, SampledTime>();
    let samples = 0;
    let ms = 0;
    const end = span.start + span.duration;
    // From the sample before the span: its time may reach into it.
    for (let i = Math.max(0, firstAtOrAfter(timestamps, span.start) - 1); i < timestamps.length && (timestamps[i] as number) <= end; i++) {
      const stack = sampleStacks[i] as number;
      const at = timestamps[i] as number;
      const inside = Math.max(0, Math.min(end, at + (weights[i] as number)) - Math.max(span.start, at));
      const taken = at >= span.start;
      if (stack < 0 || !(taken || inside > 0)) continue;
      const time = stackTimes.get(stack) ?? { count: 0, ms: 0 };
      stackTimes.set(stack, time);
      time.ms += inside;
      ms += inside;
      if (taken) {
        time.count++;
        samples++;
      }
    }
    if (stackTimes.size > 0) attributed.push({ ...span, samples, ms, stackTimes });
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
