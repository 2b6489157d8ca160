import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from '../../../src/collector/compare/benjaminiHochberg.js';
import { bootstrapQuantileDifference, type Binned } from '../../../src/collector/compare/bootstrapQuantileDifference.js';
import { seededRandom } from '../../../src/collector/compare/seededRandom.js';

const WIDTH = 1;
/** Values binned as Storage's histograms bin them: `start` multiples of the width, counts. */
function binned(values: number[]): Binned {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(Math.floor(value / WIDTH) * WIDTH, (counts.get(Math.floor(value / WIDTH) * WIDTH) ?? 0) + 1);
  return { width: WIDTH, bins: [...counts].sort((a, b) => a[0] - b[0]).map(([start, count]) => ({ start, count })) };
}
/** Log-normal page-load times around `median` ms, the shape real vitals have. */
function loadTimes(count: number, median: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => median * Math.exp(0.5 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())));
}
/** The p75 difference by brute force: resampling every value, as a textbook bootstrap does. */
function resampledInterval(base: number[], head: number[], seed: number): [number, number] {
  const random = seededRandom(seed);
  const p75 = (values: number[]) => {
    const resample = Array.from({ length: values.length }, () => values[Math.floor(random() * values.length)] ?? 0).sort((a, b) => a - b);
    return resample[Math.ceil(0.75 * values.length) - 1] ?? 0;
  };
  const differences = Array.from({ length: 1000 }, () => p75(head) - p75(base)).sort((a, b) => a - b);
  return [differences[25] ?? 0, differences[975] ?? 0];
}

describe('the bootstrap of the p75 difference', () => {
  it('gives the interval a resampling of every value gives, within a bin and the bootstrap noise', () => {
    const base = loadTimes(400, 2000, 1);
    const head = loadTimes(400, 2300, 2);
    const [low, high] = bootstrapQuantileDifference(binned(base), binned(head)).interval;
    const [expectedLow, expectedHigh] = resampledInterval(base, head, 3);
    const spread = expectedHigh - expectedLow;
    expect(Math.abs(low - expectedLow)).toBeLessThan(0.15 * spread);
    expect(Math.abs(high - expectedHigh)).toBeLessThan(0.15 * spread);
  });

  it('excludes zero for a 25% slower release and includes it for the same one', () => {
    const base = binned(loadTimes(500, 2000, 4));
    const slower = bootstrapQuantileDifference(base, binned(loadTimes(500, 2500, 5)));
    expect(slower.interval[0]).toBeGreaterThan(0);
    expect(slower.p).toBeLessThan(0.01);
    const same = bootstrapQuantileDifference(base, binned(loadTimes(500, 2000, 6)));
    expect(same.interval[0]).toBeLessThan(0);
    expect(same.interval[1]).toBeGreaterThan(0);
  });

  it('gives the same answer for the same seed', () => {
    const base = binned(loadTimes(100, 2000, 7));
    const head = binned(loadTimes(100, 2000, 8));
    expect(bootstrapQuantileDifference(base, head, 0.75, 9)).toEqual(bootstrapQuantileDifference(base, head, 0.75, 9));
  });

  it('calls about 5% of identical pairs different at 5% alone, and Benjamini–Hochberg none of them', () => {
    const pValues = Array.from(
      { length: 200 },
      (_, index) => bootstrapQuantileDifference(binned(loadTimes(200, 2000, 100 + 2 * index)), binned(loadTimes(200, 2000, 101 + 2 * index)), 0.75, index).p,
    );
    const alone = pValues.filter((p) => p < 0.05).length;
    expect(alone).toBeGreaterThan(2);
    expect(alone).toBeLessThan(25);
    expect(benjaminiHochberg(pValues, 0.05).filter(Boolean)).toHaveLength(0);
  });
});

describe('Benjamini–Hochberg', () => {
  it('takes the largest rank whose p-value is under its step, and every smaller p-value with it', () => {
    // Steps for m = 5 at 5%: 0.01, 0.02, 0.03, 0.04, 0.05. 0.035 is over its step (0.03), 0.039 under its own (0.04).
    expect(benjaminiHochberg([0.039, 0.2, 0.001, 0.035, 0.015], 0.05)).toEqual([true, false, true, true, true]);
    expect(benjaminiHochberg([0.02, 0.03, 0.04], 0.01)).toEqual([false, false, false]);
    expect(benjaminiHochberg([], 0.05)).toEqual([]);
  });
});
