import { THRESHOLDS } from '../rateVital.js';

/** Steps a bin may be cut into: bin edges stay round numbers. */
const STEPS = [1, 2, 4, 5, 10];

/**
 * A vital's histogram bins: edges on both of its thresholds (a bin is never half good, half not)
 * and at least 30 bins up to twice the poor threshold, past which the last bin takes the tail.
 */
export function vitalBins(vital: string): { width: number; bins: number } {
  const [good, poor] = THRESHOLDS[vital] ?? [1, 2];
  // In ten-thousandths, so that CLS's 0.1 and 0.25 have a whole common divisor.
  const scale = 10_000;
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const common = gcd(Math.round(good * scale), Math.round(poor * scale)) / scale;
  const step = STEPS.find((parts) => (2 * poor) / (common / parts) >= 30) ?? 10;
  const width = common / step;
  return { width, bins: Math.round((2 * poor) / width) };
}

/** A measure's histogram: 30 bins of a round width (1, 2 or 5 × 10ⁿ ms) that reach past its p95. */
export function measureBins(p95: number): { width: number; bins: number } {
  const bins = 30;
  const raw = Math.max(p95 * 1.2, 1) / bins;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  return { width, bins };
}
