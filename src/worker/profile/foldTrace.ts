import { MAX_STACK_DEPTH } from '../../protocol/limits.js';
import { scrubPath } from '../../protocol/scrubPath.js';
import type { ProfilerTrace } from '../../protocol/workerApi.js';
import { sampleWeights } from './sampleWeights.js';
import { stallCredits } from './stallCredits.js';

/** A distinct function position: name, script URL ('' when none), line, column. */
export type FoldedFrame = [name: string, url: string, line: number, column: number];

/** A distinct stack, frame indices root → leaf, how many samples ended in it and the time they stand for. */
export interface FoldedStack {
  frames: number[];
  count: number;
  ms: number;
}

export interface FoldedTrace {
  frames: FoldedFrame[];
  stacks: FoldedStack[];
  /**
   * Sample times in trace order (ascending), each sample's stack index (-1 when idle) and the ms it
   * stands for. The stacks' `ms` add what sampler stalls lost (stallCredits), which no sample's
   * own stretch holds, so spans, timed by those stretches, leave it out.
   */
  timestamps: Float64Array;
  sampleStacks: Int32Array;
  weights: Float64Array;
  idle: number;
}

/**
 * Folds a trace that ended at `end`: frames that are the same function position become one, stacks
 * that are the same path of frames become one with a sample count and time (sampleWeights). The trace's stacks are a tree (each names its
 * parent), so each trace stack's path is built once from its parent's. Paths deeper than
 * `MAX_STACK_DEPTH` keep their leaf end, where self time is.
 */
export function foldTrace(trace: ProfilerTrace, end: number): FoldedTrace {
  const frames: FoldedFrame[] = [];
  const frameIndex = new Map<string, number>();
  const canonicalFrame = trace.frames.map(({ name, resourceId, line = 0, column = 0 }) => {
    const url = resourceId === undefined ? '' : scrubPath((trace.resources[resourceId] ?? '').split(/[?#]/)[0] ?? '');
    const key = `${name}\n${url}\n${line}\n${column}`;
    let found = frameIndex.get(key);
    if (found === undefined) {
      found = frames.push([name, url, line, column]) - 1;
      frameIndex.set(key, found);
    }
    return found;
  });

  const paths: (number[] | undefined)[] = [];
  const pathOf = (stackId: number): number[] => {
    const known = paths[stackId];
    if (known) return known;
    // Walk up to the nearest stack whose path is known, then build paths back down, without recursion.
    const chain: number[] = [];
    for (let id: number | undefined = stackId; id !== undefined && !paths[id]; id = trace.stacks[id]?.parentId) chain.push(id);
    for (let i = chain.length - 1; i >= 0; i--) {
      const id = chain[i] as number;
      const stack = trace.stacks[id];
      const parent = stack?.parentId === undefined ? [] : (paths[stack.parentId] ?? []);
      paths[id] = stack ? [...parent, canonicalFrame[stack.frameId] ?? 0] : parent;
    }
    return paths[stackId] ?? [];
  };

  const stacks: FoldedStack[] = [];
  const stackIndex = new Map<string, number>();
  const foldedOf = new Map<number, number>();
  const timestamps = new Float64Array(trace.samples.length);
  const sampleStacks = new Int32Array(trace.samples.length);
  let idle = 0;
  trace.samples.forEach(({ timestamp, stackId }, i) => {
    timestamps[i] = timestamp;
    if (stackId === undefined) {
      idle++;
      sampleStacks[i] = -1;
      return;
    }
    let folded = foldedOf.get(stackId);
    if (folded === undefined) {
      const path = pathOf(stackId).slice(-MAX_STACK_DEPTH);
      const key = path.join(',');
      folded = stackIndex.get(key);
      if (folded === undefined) {
        folded = stacks.push({ frames: path, count: 0, ms: 0 }) - 1;
        stackIndex.set(key, folded);
      }
      foldedOf.set(stackId, folded);
    }
    (stacks[folded] as FoldedStack).count++;
    sampleStacks[i] = folded;
  });
  const weights = sampleWeights(timestamps, sampleStacks, end);
  sampleStacks.forEach((stack, i) => {
    if (stack >= 0) (stacks[stack] as FoldedStack).ms += weights[i] as number;
  });
  for (const [stack, ms] of stallCredits(
    timestamps,
    sampleStacks,
    weights,
    stacks.map((stack) => stack.frames),
  )) {
    (stacks[stack] as FoldedStack).ms += ms;
  }
  return { frames, stacks, timestamps, sampleStacks, weights, idle };
}
