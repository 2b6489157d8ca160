/** How many samples on each side of a stall say what the page was running during it. */
export const STALL_NEIGHBOURS = 20;

const sharedPrefix = (a: readonly number[], b: readonly number[]) => {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
};
const startsWith = (path: readonly number[], prefix: readonly number[], length: number) => sharedPrefix(path, prefix) >= length;

/**
 * The time sampleWeights leaves out where the sampler stalled between two stacks, given back to
 * the stacks the page was running then. Both stacks have a caller in common, on the stack at
 * both ends (a loop calling short functions, as a sort calls its comparator): the stall's time was
 * that caller's, spent as the samples around the stall show it spent its time, so the time is
 * shared among their stacks by their weights. Capped, a 38 ms stall inside a 150 ms loop of
 * thousands of calls cost the called function 18 ms of its self time (a clean-clone CI run).
 * Stacks with nothing in common (another task, or idle, at one end) keep the cap: the page may
 * have been idle between them. `paths` are the folded stacks' frames, root first.
 */
export function stallCredits(timestamps: Float64Array, stacks: Int32Array, weights: Float64Array, paths: readonly (readonly number[])[]): Map<number, number> {
  const credits = new Map<number, number>();
  const credit = (stack: number, ms: number) => credits.set(stack, (credits.get(stack) ?? 0) + ms);
  for (let i = 1; i + 1 < timestamps.length; i++) {
    const before = stacks[i] as number;
    const after = stacks[i + 1] as number;
    const lost = (timestamps[i + 1] as number) - (timestamps[i] as number) - (weights[i] as number);
    if (before < 0 || after < 0 || before === after || !(lost > 0)) continue;
    const caller = paths[before] ?? [];
    const depth = sharedPrefix(caller, paths[after] ?? []);
    if (depth === 0) continue;
    // The samples around the stall while the common caller ran, as many on each side: what it
    // spent its time on. Even sides, so that a stall as the caller moves on (a loop's last call,
    // then the code after it) is not all given to what it did before.
    const inCaller = (j: number) => {
      const stack = stacks[j] as number;
      return stack >= 0 && startsWith(paths[stack] ?? [], caller, depth);
    };
    let side = 1;
    while (side < STALL_NEIGHBOURS && i - side >= 1 && i + 1 + side < timestamps.length && inCaller(i - side) && inCaller(i + 1 + side)) side++;
    const mix = new Map<number, number>();
    for (let j = i - side + 1; j <= i + side; j++) {
      const stack = stacks[j] as number;
      mix.set(stack, (mix.get(stack) ?? 0) + (weights[j] as number));
    }
    const total = [...mix.values()].reduce((sum, ms) => sum + ms, 0);
    if (total > 0) for (const [stack, ms] of mix) credit(stack, (lost * ms) / total);
    else {
      credit(before, lost / 2);
      credit(after, lost / 2);
    }
  }
  return credits;
}
