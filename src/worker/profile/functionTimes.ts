import type { FoldedStack } from './foldTrace.js';

/** Time and samples a function was the leaf of (self) and was anywhere on the stack of (total). */
export interface FunctionTime {
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
}

/** Self and total time per frame; a recursive function counts once per sample in its total. */
export function functionTimes(stacks: FoldedStack[]): Map<number, FunctionTime> {
  const times = new Map<number, FunctionTime>();
  const timeOf = (frame: number) => {
    let time = times.get(frame);
    if (!time) times.set(frame, (time = { selfMs: 0, totalMs: 0, selfSamples: 0, totalSamples: 0 }));
    return time;
  };
  for (const { frames, count, ms } of stacks) {
    const leaf = frames[frames.length - 1];
    if (leaf !== undefined) {
      const time = timeOf(leaf);
      time.selfMs += ms;
      time.selfSamples += count;
    }
    for (const frame of new Set(frames)) {
      const time = timeOf(frame);
      time.totalMs += ms;
      time.totalSamples += count;
    }
  }
  return times;
}
