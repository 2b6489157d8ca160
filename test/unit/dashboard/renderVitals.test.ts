import { describe, expect, it } from 'vitest';
import { formatMs, formatVital } from '../../../src/dashboard/format.js';
import { rateVital } from '../../../src/dashboard/rateVital.js';
import { renderVitals } from '../../../src/dashboard/renderVitals.js';

describe('vitals: ratings, formatting and cards', () => {
  it('rates by the Core Web Vitals thresholds web-vitals exports, the boundary being good or needs improvement', () => {
    expect([rateVital('LCP', 2500), rateVital('INP', 200), rateVital('CLS', 0.1), rateVital('FCP', 1800), rateVital('TTFB', 800)]).toEqual(
      Array(5).fill('good'),
    );
    expect(rateVital('LCP', 4000)).toBe('needs-improvement');
    expect(rateVital('LCP', 4000.1)).toBe('poor');
    expect(rateVital('INP', 201)).toBe('needs-improvement');
    expect(rateVital('CLS', 0.26)).toBe('poor');
    expect(rateVital('memory', 1)).toBeUndefined();
  });

  it('formats times in ms or s and CLS as a score', () => {
    expect([formatMs(0.4), formatMs(999.4), formatMs(1000), formatMs(2449), formatMs(null), formatMs(NaN)]).toEqual([
      '0 ms',
      '999 ms',
      '1.00 s',
      '2.45 s',
      '–',
      '–',
    ]);
    expect([formatVital('CLS', 0.0512), formatVital('INP', 212.6), formatVital('CLS', null)]).toEqual(['0.051', '213 ms', '–']);
  });

  it('draws one card per vital, p75 rated in colour, shape and word, says which vitals were not reported, and a card chooses its vital', () => {
    const chosen: string[] = [];
    const cards = renderVitals(
      [{ name: 'LCP', count: 4, weighted: 40, p50: 1800, p75: 2700, p95: 4860, good: 0.75, needsImprovement: 0, poor: 0.25 }],
      'INP',
      (vital) => chosen.push(vital),
    );
    expect(cards.map((card) => card.dataset.vital)).toEqual(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
    const [lcp, inp] = cards;
    expect(lcp?.dataset.rating).toBe('needs-improvement');
    expect(lcp?.querySelector('.card-p75')?.className).toBe('card-p75 needs-improvement');
    expect(lcp?.querySelector('.card-p75')?.textContent).toBe('2.70 s');
    expect(lcp?.textContent).toContain('p50 1.80 s · p95 4.86 s');
    // Sampled at 10%: the page views they stand for, and how many were sampled.
    expect(lcp?.querySelector('.card-count')?.textContent).toBe('≈ 40 (4 sampled) views');
    expect([...(lcp?.querySelectorAll<HTMLElement>('.ratings span') ?? [])].map((bar) => bar.style.width)).toEqual(['75%', '0%', '25%']);
    expect(lcp?.querySelector('.rating')?.textContent).toBe('▲ needs improvement');
    expect(lcp?.querySelector('.rating-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(inp?.textContent).toContain('not reported');
    expect(cards.map((card) => card.getAttribute('aria-pressed'))).toEqual(['false', 'true', 'false', 'false', 'false']);
    lcp?.click();
    expect(chosen).toEqual(['LCP']);
  });

  it('marks a p75 the collector took from its hourly histograms as approximate, in the text and its title', () => {
    const [lcp] = renderVitals(
      [{ name: 'LCP', count: 200_000, weighted: 200_000, p50: 1800, p75: 2700, p95: 4860, good: 0.75, needsImprovement: 0, poor: 0.25, approximate: true }],
      'LCP',
      () => {},
    );
    const p75 = lcp?.querySelector<HTMLElement>('.card-p75');
    expect(p75?.textContent).toBe('≈ 2.70 s');
    expect(p75?.title).toBe('From hourly histograms: within 1% of the exact percentile');
  });
});
