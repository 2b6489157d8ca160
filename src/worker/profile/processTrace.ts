import type { ProfileEvent, ProfileSpan } from '../../protocol/beacon.js';
import { MAX_NAME, MAX_PROFILE_FUNCTIONS, MAX_PROFILE_SPANS, MAX_PROFILE_STACKS } from '../../protocol/limits.js';
import type { ProfileWindow } from '../../protocol/workerApi.js';
import { attributeSpans, type AttributedSpan } from './attributeSpans.js';
import { foldTrace, type FoldedTrace } from './foldTrace.js';
import { functionTimes, type FunctionTime } from './functionTimes.js';
import { topCounts } from './topCounts.js';

/**
 * Stacks listed per window and per span. A 30 s window of a busy page has a few hundred distinct
 * stacks, most sampled once or twice; the top 40 carry most of its time and keep the event at a
 * few KB gzip, the rest is summed exactly in `other`.
 */
export const WINDOW_STACKS = 40;
export const SPAN_STACKS = 8;
/**
 * Deep stacks (frameworks nest 50–100 frames) make each listed stack long: a window's event must
 * stay well inside one beacon that can still be sent at page exit (64 KiB for everything in
 * flight, up to 3 bytes per character), so fewer stacks are listed until it fits in 12 K
 * characters (the rest still counts, in `other`). A busy 30 s window takes about 10 K.
 */
export const MAX_PROFILE_EVENT_CHARS = 12 * 1024;

const round = (ms: number) => Math.round(ms * 10) / 10;

/** Turns one profiler window into a `profile` event: folded, timed per function, attributed, trimmed. */
export function processTrace(window: ProfileWindow): ProfileEvent {
  const folded = foldTrace(window.trace);
  const attributed = attributeSpans(window.entries, folded)
    .sort((a, b) => b.samples - a.samples)
    .slice(0, MAX_PROFILE_SPANS)
    .sort((a, b) => a.start - b.start);
  const times = functionTimes(folded.stacks);
  for (let windowStacks = WINDOW_STACKS, spanStacks = SPAN_STACKS; ; windowStacks >>= 1, spanStacks = Math.max(1, spanStacks >> 1)) {
    const event = encode(window, folded, attributed, times, windowStacks, spanStacks);
    if (windowStacks <= 1 || JSON.stringify(event).length <= MAX_PROFILE_EVENT_CHARS) return event;
  }
}

/** The event, listing the `windowStacks` heaviest stacks of the window and `spanStacks` of each span. */
function encode(
  window: ProfileWindow,
  folded: FoldedTrace,
  attributed: AttributedSpan[],
  times: Map<number, FunctionTime>,
  windowStacks: number,
  spanStacks: number,
): ProfileEvent {
  const samples = folded.stacks.reduce((sum, stack) => sum + stack.count, 0);

  // Stack indices in the event: the window's top stacks first, then those only a span needs.
  const listed = new Map<number, number>();
  const list = (stack: number) => {
    let at = listed.get(stack);
    if (at === undefined && listed.size < MAX_PROFILE_STACKS) listed.set(stack, (at = listed.size));
    return at;
  };
  topCounts(folded.stacks.map((stack, i) => [i, stack.count]), windowStacks).top.forEach(([stack]) => list(stack));

  const spans: ProfileSpan[] = attributed.map(({ stackCounts, ...span }) => {
    const stacks: [number, number][] = [];
    for (const [stack, count] of topCounts(stackCounts, spanStacks).top) {
      const at = list(stack);
      if (at !== undefined) stacks.push([at, count]);
    }
    const other = span.samples - stacks.reduce((sum, [, count]) => sum + count, 0);
    return { ...span, name: span.name.slice(0, MAX_NAME), start: round(span.start), duration: round(span.duration), stacks, other };
  });

  const half = MAX_PROFILE_FUNCTIONS / 2;
  const heaviest = new Set([
    ...topCounts([...times].map(([frame, time]) => [frame, time.self]), half).top.map(([frame]) => frame),
    ...topCounts([...times].map(([frame, time]) => [frame, time.total]), half).top.map(([frame]) => frame),
  ]);

  // Only frames and resources that something listed refers to travel.
  const frames: ProfileEvent['frames'] = [];
  const resources: string[] = [];
  const frameAt = new Map<number, number>();
  const resourceAt = new Map<string, number>();
  const frameIndex = (frame: number) => {
    let at = frameAt.get(frame);
    if (at === undefined) {
      const [name, url, line, column] = folded.frames[frame] ?? ['', '', 0, 0];
      let resource = -1;
      if (url) {
        resource = resourceAt.get(url) ?? resources.push(url) - 1;
        resourceAt.set(url, resource);
      }
      at = frames.push([name.slice(0, MAX_NAME), resource, line, column]) - 1;
      frameAt.set(frame, at);
    }
    return at;
  };

  let listedSamples = 0;
  const stacks: ProfileEvent['stacks'] = [...listed.keys()].map((stack) => {
    const { frames: path, count } = folded.stacks[stack] ?? { frames: [], count: 0 };
    listedSamples += count;
    return [path.map(frameIndex), count];
  });
  const functions: ProfileEvent['functions'] = [...heaviest].map((frame) => {
    const time = times.get(frame) ?? { self: 0, total: 0 };
    return [frameIndex(frame), time.self, time.total];
  });

  const { timestamps } = folded;
  const interval = timestamps.length > 1 ? ((timestamps[timestamps.length - 1] as number) - (timestamps[0] as number)) / (timestamps.length - 1) : 10;
  return {
    type: 'profile',
    name: window.reason.slice(0, MAX_NAME),
    start: round(window.start),
    duration: round(Math.max(0, window.end - window.start)),
    interval: round(interval),
    samples,
    idle: folded.idle,
    resources,
    frames,
    stacks,
    other: samples - listedSamples,
    functions,
    spans,
  };
}
