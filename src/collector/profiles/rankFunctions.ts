import type { RankedFunction, ResolvedFrame } from '../../protocol/queryApi.js';
import { frameKey, type ResolvedStack } from './ResolvedStack.js';

/**
 * Functions by self time, heaviest first. From exact per-window aggregates when there are some,
 * else from stacks (an attribution target has only its listed stacks: self is the leaf's time,
 * total counts a recursive function once per stack). Minified frames that resolve to the same
 * original function are added up.
 */
export function rankFunctions(input: { stacks: ResolvedStack[] } | { exact: { frame: ResolvedFrame; selfMs: number; totalMs: number }[] }): RankedFunction[] {
  const ranked = new Map<string, RankedFunction>();
  const add = (frame: ResolvedFrame, selfMs: number, totalMs: number) => {
    const key = frameKey(frame);
    const known = ranked.get(key);
    if (known) {
      known.selfMs += selfMs;
      known.totalMs += totalMs;
    } else {
      ranked.set(key, { ...frame, selfMs, totalMs });
    }
  };
  if ('exact' in input) {
    for (const { frame, selfMs, totalMs } of input.exact) add(frame, selfMs, totalMs);
  } else {
    for (const { frames, ms } of input.stacks) {
      const seen = new Set<string>();
      frames.forEach((frame, i) => {
        const key = frameKey(frame);
        if (seen.has(key)) return;
        seen.add(key);
        add(frame, i === frames.length - 1 ? ms : 0, ms);
      });
    }
  }
  return [...ranked.values()].sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs);
}
