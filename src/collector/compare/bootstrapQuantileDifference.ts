import type { HistogramBin } from '../../protocol/queryApi.js';
import { sampleBeta } from './sampleBeta.js';
import { seededRandom } from './seededRandom.js';

/** A release's values as a histogram: bins `width` wide, as Storage's vitalHistogram answers. */
export interface Binned {
  bins: HistogramBin[];
  width: number;
}

export interface QuantileDifference {
  /** The 2.5th and 97.5th percentiles of the bootstrapped differences (head − base). */
  interval: [number, number];
  /** Two-sided p-value that the quantiles are equal: the bootstrap's standard error, normal approximation. */
  p: number;
}

const REPLICATES = 2000;

/** The value below which `share` of the binned values lie, linear inside its bin. */
function quantileOf({ bins, width }: Binned, total: number, share: number): number {
  const rank = share * total;
  let below = 0;
  for (const bin of bins) {
    if (below + bin.count >= rank) return bin.start + (width * (rank - below)) / bin.count;
    below += bin.count;
  }
  const last = bins[bins.length - 1];
  return last ? last.start + width : 0;
}

/** The standard normal's two-sided tail beyond |z| (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function twoSidedP(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))) * Math.exp(-x * x);
  return Math.min(1, erfc);
}

/**
 * The bootstrap of the difference of a quantile between two samples, from their histograms. The
 * bootstrap quantile of a resample of n values is the j-th order statistic (j = ⌈q·n⌉) of n draws
 * from the sample, which is the sample's inverse distribution at a Beta(j, n − j + 1) draw: one
 * draw per replicate instead of n, so a million page views cost what a hundred do.
 */
export function bootstrapQuantileDifference(base: Binned, head: Binned, quantile = 0.75, seed = 1): QuantileDifference {
  const random = seededRandom(seed);
  const totals = [base, head].map(({ bins }) => bins.reduce((sum, bin) => sum + bin.count, 0));
  const replicate = (binned: Binned, n: number) => {
    const j = Math.max(1, Math.ceil(quantile * n));
    return quantileOf(binned, n, sampleBeta(j, n - j + 1, random));
  };
  const differences = Array.from({ length: REPLICATES }, () => replicate(head, totals[1] ?? 0) - replicate(base, totals[0] ?? 0)).sort((a, b) => a - b);
  const mean = differences.reduce((sum, d) => sum + d, 0) / REPLICATES;
  const sd = Math.sqrt(differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (REPLICATES - 1));
  const at = (share: number) => differences[Math.min(REPLICATES - 1, Math.floor(share * REPLICATES))] ?? 0;
  return { interval: [at(0.025), at(0.975)], p: sd > 0 ? twoSidedP(mean / sd) : mean === 0 ? 1 : 0 };
}
