import type { TimeBucket, VitalSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatShare, formatVital } from './format.js';
import { rateVital } from './rateVital.js';
import { renderTrend } from './renderTrend.js';

const VITALS = [
  ['LCP', 'Largest Contentful Paint'],
  ['INP', 'Interaction to Next Paint'],
  ['CLS', 'Cumulative Layout Shift'],
  ['FCP', 'First Contentful Paint'],
  ['TTFB', 'Time to First Byte'],
] as const;

/**
 * One card per vital: p75 coloured by its rating (as sites are judged), p50/p95, the share of each
 * rating, and p75 over the time range.
 */
export function renderVitals(vitals: VitalSummary[], series: Partial<Record<string, TimeBucket[]>> = {}): HTMLElement[] {
  return VITALS.map(([name, title]) => {
    const vital = vitals.find((candidate) => candidate.name === name);
    if (!vital) {
      return element('div', { className: 'card', data: { vital: name } }, element('div', { className: 'card-name', title }, name), element('div', { className: 'card-empty' }, 'not reported'));
    }
    const rating = rateVital(name, vital.p75) ?? 'good';
    const shares = [
      ['good', vital.good, 'good'],
      ['needs-improvement', vital.needsImprovement, 'needs improvement'],
      ['poor', vital.poor, 'poor'],
    ] as const;
    return element(
      'div',
      { className: 'card', data: { vital: name, rating } },
      element('div', { className: 'card-name', title }, name, element('span', { className: 'card-count' }, `${vital.count} views`)),
      element('div', { className: `card-p75 ${rating}`, title: `p75, ${rating.replace('-', ' ')}` }, formatVital(name, vital.p75)),
      element('div', { className: 'card-sub' }, `p50 ${formatVital(name, vital.p50)} · p95 ${formatVital(name, vital.p95)}`),
      element(
        'div',
        { className: 'ratings' },
        ...shares.map(([key, share, label]) => element('span', { className: key, width: `${share * 100}%`, title: `${label} ${formatShare(share)}` })),
      ),
      element('div', { className: 'card-sub' }, ...shares.flatMap(([, share, label], i) => [i > 0 && ' · ', element('span', { className: 'nowrap' }, `${label} ${formatShare(share)}`)])),
      renderTrend(series[name] ?? [], (value) => formatVital(name, value)),
    );
  });
}
