import { describe, expect, it } from 'vitest';
import { MAX_SAMPLE_MS, sampleWeights } from '../../src/worker/profile/sampleWeights.js';

const weights = (times: number[], stacks: number[], end: number) => [...sampleWeights(Float64Array.from(times), Int32Array.from(stacks), end)];

describe('sampleWeights', () => {
  // The first sample of every trace is the stack as the profiler started: it stands for no time.
  it('gives each sample the time to the next one, bursts microseconds apart included', () => {
    expect(weights([0, 5, 15, 15.001, 15.002, 25], [9, 1, 1, 2, 2, 1], 35)).toEqual([
      0,
      10,
      expect.closeTo(0.001, 6),
      expect.closeTo(0.001, 6),
      expect.closeTo(9.998, 6),
      10,
    ]);
  });

  it('caps a long gap where the stack changes, and keeps it whole between samples of the same stack', () => {
    expect(weights([0, 1, 101, 301], [9, 1, 2, 2], 311)).toEqual([0, MAX_SAMPLE_MS, 200, 10]);
    // Idle (-1) before a long gap is no different.
    expect(weights([0, 1, 51], [9, -1, 1], 61)).toEqual([0, MAX_SAMPLE_MS, 10]);
  });

  it("gives the last sample the time to the window end, capped, and the profiler's own start sample none", () => {
    expect(weights([0, 1], [9, 1], 500)).toEqual([0, MAX_SAMPLE_MS]);
    expect(weights([0], [9], 500)).toEqual([0]);
    expect(weights([], [], 500)).toEqual([]);
  });
});
