import type { ProfileEvent, ProfileSpan } from '../../protocol/beacon.js';
import { MAX_NAME, MAX_PROFILE_FUNCTIONS, MAX_PROFILE_SPANS, MAX_PROFILE_STACKS } from '../../protocol/limits.js';
import type { ProfileWindow } from '../../protocol/workerApi.js';
import { attributeSpans, type AttributedSpan } from './attributeSpans.js';
import { foldTrace, type FoldedTrace } from './foldTrace.js';
import { functionTimes, type FunctionTime } from './functionTimes.js';
import { heaviest } from './heaviest.js';
import { round } from '../../protocol/round.js';

/**
 * Stacks listed per window and per span. A 30 s window of a busy page has a few hundred distinct
 * stacks, most sampled once or twice; the top 40 carry most of its time and keep the event at a
 * few KB gzip, the rest is summed exactly in `other` and `otherMs`.
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

/** What the stacks left out add up to, never below zero for the sums' rounding. */
const remainder = (ms: number, listedMs: number) => round(Math.max(0, ms - listedMs));

/** Turns one profiler window into a `profile` event: folded, timed per function, attributed, trimmed. */
export function processTrace(window: ProfileWindow): ProfileEvent {
  const folded = foldTrace(window.trace, window.end);
  const attributed = attributeSpans(window.entries, folded)
    .sort((a, b) => b.ms - a.ms)
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
  const sampledMs = folded.stacks.reduce((sum, stack) => sum + stack.ms, 0);

  // Stack indices in the event: the window's top stacks first, then those only a span needs.
  const listed = new Map<number, number>();
  const list = (stack: number) => {
    let at = listed.get(stack);
    if (at === undefined && listed.size < MAX_PROFILE_STACKS) listed.set(stack, (at = listed.size));
    return at;
  };
  heaviest(
    folded.stacks.map((stack, i) => [i, stack.ms]),
    windowStacks,
  ).forEach(([stack]) => list(stack));

  const spans: ProfileSpan[] = attributed.map(({ stackTimes, samples: spanSamples, ms, ...span }) => {
    const stacks: ProfileSpan['stacks'] = [];
    let listedSamples = 0;
    let listedMs = 0;
    for (const [stack] of heaviest(
      [...stackTimes].map(([stack, time]) => [stack, time.ms]),
      spanStacks,
    )) {
      const at = list(stack);
      const time = stackTimes.get(stack);
      if (at === undefined || !time) continue;
      stacks.push([at, time.count, round(time.ms)]);
      listedSamples += time.count;
      listedMs += time.ms;
    }
    return {
      ...span,
      name: span.name.slice(0, MAX_NAME),
      start: round(span.start),
      duration: round(span.duration),
      samples: spanSamples,
      stacks,
      other: spanSamples - listedSamples,
      otherMs: remainder(ms, listedMs),
    };
  });

  const half = MAX_PROFILE_FUNCTIONS / 2;
  const reported = new Set([
    ...heaviest(
      [...times].map(([frame, time]) => [frame, time.selfMs]),
      half,
    ).map(([frame]) => frame),
    ...heaviest(
      [...times].map(([frame, time]) => [frame, time.totalMs]),
      half,
    ).map(([frame]) => frame),
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
  let listedMs = 0;
  const stacks: ProfileEvent['stacks'] = [...listed.keys()].map((stack) => {
    const { frames: path, count, ms } = folded.stacks[stack] ?? { frames: [], count: 0, ms: 0 };
    listedSamples += count;
    listedMs += ms;
    return [path.map(frameIndex), count, round(ms)];
  });
  const functions: ProfileEvent['functions'] = [...reported].map((frame) => {
    const time = times.get(frame) ?? { selfMs: 0, totalMs: 0, selfSamples: 0, totalSamples: 0 };
    return [frameIndex(frame), round(time.selfMs), round(time.totalMs), time.selfSamples, time.totalSamples];
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
    otherMs: remainder(sampledMs, listedMs),
    functions,
    spans,
  };
}
