import type { ProfileEvent, ProfileEventV1 } from '../../protocol/beacon.js';

/**
 * A protocol 1 window (sample counts only) in today's shape: each count times the window's mean
 * interval between samples, as those SDKs' collector did. Chromium's samples come in bursts, so
 * these times can be several times off (a 115 ms function shown as 1,010 ms): the collector stores
 * them marked as estimated, and its answers say so.
 */
export function estimateFromCounts(event: ProfileEventV1): ProfileEvent {
  const ms = (count: number) => count * event.interval;
  return {
    ...event,
    stacks: event.stacks.map(([frames, count]) => [frames, count, ms(count)]),
    otherMs: ms(event.other),
    functions: event.functions.map(([frame, self, total]) => [frame, ms(self), ms(total), self, total]),
    spans: event.spans.map((span) => ({
      ...span,
      stacks: span.stacks.map(([stack, count]) => [stack, count, ms(count)]),
      otherMs: ms(span.other),
    })),
  };
}
