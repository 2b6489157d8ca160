/**
 * What a page view's values count for in weighted counts and shares: 1/sampleRate, the page views
 * a sampled one stands for (`data-sample-rate="0.1"`: 10). 1 without a rate (every session measured).
 */
export const viewWeight = (sampleRate: number | undefined): number => (sampleRate !== undefined && sampleRate > 0 ? 1 / sampleRate : 1);
