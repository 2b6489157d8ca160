/**
 * The hourly summaries' histograms: a value's bucket on a logarithmic scale, each bucket 2% wider
 * than the one below, so that any value in a bucket is within 0.99% of the value that stands for
 * it, however the values are spread ((γ - 1) / (γ + 1) with γ = 1.02). A percentile taken from the
 * histogram, as an interpolation of such values, is within that of the exact one. The writes, the
 * migration's fill (registerHistogram.ts) and the reads of the hours cut at a range's ends all
 * bucket values here, so that they agree.
 */
const GAMMA = 1.02;
const LOG_GAMMA = Math.log(GAMMA);

/** The bucket of zero (CLS is often 0); no measured value is negative. */
export const ZERO_BUCKET = -32768;

/** The largest relative difference between a value and its bucket's value. */
export const HISTOGRAM_ERROR = (GAMMA - 1) / (GAMMA + 1);

/** Bucket i holds the values in (γ^(i-1), γ^i]. */
export const histogramBucket = (value: number): number => (value <= 0 ? ZERO_BUCKET : Math.ceil(Math.log(value) / LOG_GAMMA));

/** The value a bucket stands for: the point of (γ^(i-1), γ^i] equally far, relatively, from both ends. */
export const bucketValue = (bucket: number): number => (bucket === ZERO_BUCKET ? 0 : (2 * GAMMA ** bucket) / (GAMMA + 1));
