import { describe, expect, it } from 'vitest';
import { MAX_SAMPLE_MS, sampleWeights } from '../../src/worker/profile/sampleWeights.js';

const weights = (times: number[], stacks: number[], end: number) => [...sampleWeights(Float64Array.from(times), Int32Array.from(stacks), end)];

describe('sampleWeights', () => {
  it('gives each sample the time to the next one, bursts microseconds apart included', () => {
    expect(weights([0, 10, 10.001, 10.002, 20], [1, 1, 2, 2, 1], 30)).toEqual([10, expect.closeTo(0.001, 6), expect.closeTo(0.001, 6), expect.closeTo(9.998, 6), 10]);
  });

  it('caps a long gap where the stack changes, and keeps it whole between samples of the same stack', () => {
    expect(weights([0, 100, 300], [1, 2, 2], 310)).toEqual([MAX_SAMPLE_MS, 200, 10]);
    // Idle (-1) before a long gap is no different.
    expect(weights([0, 50], [-1, 1], 60)).toEqual([MAX_SAMPLE_MS, 10]);
  });

  it('gives the last sample the time to the window end, capped', () => {
    expect(weights([0], [1], 500)).toEqual([MAX_SAMPLE_MS]);
    expect(weights([], [], 500)).toEqual([]);
  });
});
