import type { FoldedStack } from './foldTrace.js';

/** Samples a function was the leaf of (self) and was anywhere on the stack of (total). */
export interface FunctionTime {
  self: number;
  total: number;
}

/** Self and total samples per frame; a recursive function counts once per sample in its total. */
export function functionTimes(stacks: FoldedStack[]): Map<number, FunctionTime> {
  const times = new Map<number, FunctionTime>();
  const timeOf = (frame: number) => {
    let time = times.get(frame);
    if (!time) times.set(frame, (time = { self: 0, total: 0 }));
    return time;
  };
  for (const { frames, count } of stacks) {
    const leaf = frames[frames.length - 1];
    if (leaf !== undefined) timeOf(leaf).self += count;
    for (const frame of new Set(frames)) timeOf(frame).total += count;
  }
  return times;
}
