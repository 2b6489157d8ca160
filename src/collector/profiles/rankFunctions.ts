import type { RankedFunction, ResolvedFrame } from '../../protocol/queryApi.js';
import type { ResolvedFunction } from './createProfileReader.js';
import { frameKey, type ResolvedStack } from './ResolvedStack.js';

type Times = Omit<RankedFunction, keyof ResolvedFrame>;

/**
 * Functions by self time, heaviest first. From exact per-window aggregates when there are some,
 * else from stacks (an attribution target has only its listed stacks: self is the leaf's time,
 * total counts a recursive function once per stack). Minified frames that resolve to the same
 * original function are added up.
 */
export function rankFunctions(input: { stacks: ResolvedStack[] } | { exact: ResolvedFunction[] }): RankedFunction[] {
  const ranked = new Map<string, RankedFunction>();
  const add = (frame: ResolvedFrame, times: Times) => {
    const key = frameKey(frame);
    const known = ranked.get(key);
    if (known) {
      known.selfMs += times.selfMs;
      known.totalMs += times.totalMs;
      known.selfSamples += times.selfSamples;
      known.totalSamples += times.totalSamples;
      known.estimated ||= times.estimated;
    } else {
      ranked.set(key, { ...frame, ...times });
    }
  };
  if ('exact' in input) {
    for (const { frame, ...times } of input.exact) add(frame, times);
  } else {
    for (const { frames, ms, samples, estimated } of input.stacks) {
      const seen = new Set<string>();
      frames.forEach((frame, i) => {
        const key = frameKey(frame);
        if (seen.has(key)) return;
        seen.add(key);
        const leaf = i === frames.length - 1;
        add(frame, { selfMs: leaf ? ms : 0, totalMs: ms, selfSamples: leaf ? samples : 0, totalSamples: samples, estimated });
      });
    }
  }
  return [...ranked.values()].sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
}
