export type Rating = 'good' | 'needs-improvement' | 'poor';

/**
 * The Core Web Vitals thresholds (web.dev/articles/vitals, as web-vitals rates single values):
 * good up to the first, poor above the second. A site is judged by the p75 of its page views.
 */
const THRESHOLDS: Record<string, [number, number]> = {
  LCP: [2500, 4000],
  INP: [200, 500],
  CLS: [0.1, 0.25],
  FCP: [1800, 3000],
  TTFB: [800, 1800],
};

/** The vitals the collector reports, in the order the dashboard shows them. */
export const VITAL_NAMES = Object.keys(THRESHOLDS);

export function rateVital(name: string, value: number): Rating | undefined {
  const thresholds = THRESHOLDS[name];
  if (!thresholds) return undefined;
  return value <= thresholds[0] ? 'good' : value > thresholds[1] ? 'poor' : 'needs-improvement';
}
