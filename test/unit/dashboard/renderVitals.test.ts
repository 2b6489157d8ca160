import { describe, expect, it } from 'vitest';
import { formatMs, formatVital } from '../../../src/dashboard/format.js';
import { rateVital } from '../../../src/dashboard/rateVital.js';
import { renderVitals } from '../../../src/dashboard/renderVitals.js';

describe('vitals: ratings, formatting and cards', () => {
  it('rates by the Core Web Vitals thresholds, the boundary being good or needs improvement', () => {
    expect([rateVital('LCP', 2500), rateVital('INP', 200), rateVital('CLS', 0.1), rateVital('FCP', 1800), rateVital('TTFB', 800)]).toEqual(Array(5).fill('good'));
    expect(rateVital('LCP', 4000)).toBe('needs-improvement');
    expect(rateVital('LCP', 4000.1)).toBe('poor');
    expect(rateVital('INP', 201)).toBe('needs-improvement');
    expect(rateVital('CLS', 0.26)).toBe('poor');
    expect(rateVital('memory', 1)).toBeUndefined();
  });

  it('formats times in ms or s and CLS as a score', () => {
    expect([formatMs(0.4), formatMs(999.4), formatMs(1000), formatMs(2449), formatMs(null), formatMs(NaN)]).toEqual(['0 ms', '999 ms', '1.00 s', '2.45 s', '–', '–']);
    expect([formatVital('CLS', 0.0512), formatVital('INP', 212.6), formatVital('CLS', null)]).toEqual(['0.051', '213 ms', '–']);
  });

  it('draws one card per vital, p75 coloured by its rating, and says which vitals were not reported', () => {
    const cards = renderVitals([{ name: 'LCP', count: 4, p50: 1800, p75: 2700, p95: 4860, good: 0.75, needsImprovement: 0, poor: 0.25 }]);
    expect(cards.map((card) => card.dataset.vital)).toEqual(['LCP', 'INP', 'CLS', 'FCP', 'TTFB']);
    const [lcp, inp] = cards;
    expect(lcp?.dataset.rating).toBe('needs-improvement');
    expect(lcp?.querySelector('.card-p75')?.className).toBe('card-p75 needs-improvement');
    expect(lcp?.querySelector('.card-p75')?.textContent).toBe('2.70 s');
    expect(lcp?.textContent).toContain('p50 1.80 s · p95 4.86 s');
    expect([...(lcp?.querySelectorAll<HTMLElement>('.ratings span') ?? [])].map((bar) => bar.style.width)).toEqual(['75%', '0%', '25%']);
    expect(inp?.textContent).toContain('not reported');
  });

  it('draws p75 over time as a sparkline when there are two buckets or more', () => {
    const vital = { name: 'INP', count: 3, p50: 100, p75: 200, p95: 300, good: 1, needsImprovement: 0, poor: 0 };
    const bucket = (at: number, p75: number) => ({ at, count: 1, p50: p75, p75, p95: p75 });
    const [, inp] = renderVitals([vital], { INP: [bucket(0, 100), bucket(50, 400), bucket(100, 200)] });
    expect(inp?.querySelector('polyline')?.getAttribute('points')).toBe('0.0,23.0 100.0,2.0 200.0,16.0');
    expect(inp?.querySelector('svg title')?.textContent).toBe('p75 over time: 100 ms → 200 ms');
    expect(renderVitals([vital], { INP: [bucket(0, 100)] })[1]?.querySelector('svg')).toBeNull();
  });
});
