import { CLSThresholds, FCPThresholds, INPThresholds, LCPThresholds, TTFBThresholds } from 'web-vitals';

export type Rating = 'good' | 'needs-improvement' | 'poor';

/**
 * The Core Web Vitals thresholds as web-vitals itself rates a single value (good up to the first,
 * poor above the second), imported rather than copied so the dashboard and the SDK's ratings never
 * disagree. A site is judged by the p75 of its page views.
 */
export const THRESHOLDS: Record<string, readonly [number, number]> = {
  LCP: LCPThresholds as [number, number],
  INP: INPThresholds as [number, number],
  CLS: CLSThresholds as [number, number],
  FCP: FCPThresholds as [number, number],
  TTFB: TTFBThresholds as [number, number],
};

/** The vitals the collector reports, in the order the dashboard shows them. */
export const VITAL_NAMES = Object.keys(THRESHOLDS);

export function rateVital(name: string, value: number): Rating | undefined {
  const thresholds = THRESHOLDS[name];
  if (!thresholds) return undefined;
  return value <= thresholds[0] ? 'good' : value > thresholds[1] ? 'poor' : 'needs-improvement';
}
