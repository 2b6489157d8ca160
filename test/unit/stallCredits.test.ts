import { describe, expect, it } from 'vitest';
import { sampleWeights } from '../../src/worker/profile/sampleWeights.js';
import { stallCredits } from '../../src/worker/profile/stallCredits.js';

// Folded stacks, root first: a loop (frame 0) calling a comparator (frame 1), another task (frame
// 2), and what the loop's caller does after it (frame 3).
const LOOP = 0;
const COMPARATOR = 1;
const OTHER_TASK = 2;
const AFTER_LOOP = 3;
const paths = [[0], [0, 1], [2], [0, 3]];

function credits(times: number[], stacks: number[], end: number): Record<number, number> {
  const timestamps = Float64Array.from(times);
  const sampled = Int32Array.from(stacks);
  return Object.fromEntries(stallCredits(timestamps, sampled, sampleWeights(timestamps, sampled, end), paths));
}

describe('stallCredits', () => {
  it("gives a stall between two stacks of one caller back to the stacks around it, by their time: the comparator's 90% of the loop", () => {
    // 10 ms samples: nine of the comparator for one of the loop, then a 50 ms stall as the loop ran.
    const stacks = [LOOP, ...Array.from({ length: 30 }, (_, i) => (i % 10 === 9 ? LOOP : COMPARATOR))];
    const times = stacks.map((_, i) => i * 10);
    // The stall: the sampler's next sample after the 19th comes 50 ms late.
    for (let i = 20; i < times.length; i++) times[i] = (times[i] as number) + 50;
    const given = credits(times, stacks, (times.at(-1) as number) + 10);
    // 60 ms from the comparator's sample to the loop's, of which the capped sample keeps 20: the 40 left are given back.
    expect((given[COMPARATOR] ?? 0) + (given[LOOP] ?? 0)).toBeCloseTo(40, 6);
    expect(given[COMPARATOR]).toBeGreaterThan(30);
  });

  it('shares a stall as the caller moves on by as many samples on each side, not by the loop before it alone', () => {
    // Ten comparator samples, a 50 ms stall, one sample of the code after the loop, then idle.
    const stacks = [LOOP, ...Array.from({ length: 10 }, () => COMPARATOR), AFTER_LOOP, -1, -1];
    const times = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 160, 170, 180];
    const given = credits(times, stacks, 190);
    // One sample a side, by the time each stands for: the comparator's 20 ms (capped), the other's 10.
    expect(given[COMPARATOR]).toBeCloseTo(40 * (2 / 3), 6);
    expect(given[AFTER_LOOP]).toBeCloseTo(40 / 3, 6);
  });

  it('gives nothing back where the page may have been idle: an idle sample or another task at one end', () => {
    expect(credits([0, 1, 51, 61], [LOOP, -1, COMPARATOR, COMPARATOR], 71)).toEqual({});
    expect(credits([0, 1, 51, 61], [LOOP, COMPARATOR, OTHER_TASK, OTHER_TASK], 71)).toEqual({});
  });

  it('leaves a stall within one stack alone: sampleWeights counts it in full', () => {
    expect(credits([0, 1, 101, 111], [LOOP, COMPARATOR, COMPARATOR, LOOP], 121)).toEqual({});
  });
});
