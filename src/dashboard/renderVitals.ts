import type { VitalSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatShare, formatViews, formatVital } from './format.js';
import { rateVital } from './rateVital.js';
import { renderRating } from './renderRating.js';

const VITALS = [
  ['LCP', 'Largest Contentful Paint'],
  ['INP', 'Interaction to Next Paint'],
  ['CLS', 'Cumulative Layout Shift'],
  ['FCP', 'First Contentful Paint'],
  ['TTFB', 'Time to First Byte'],
] as const;

/**
 * One card per vital: p75 with its rating (as sites are judged) in a shape and a word besides its
 * colour, p50/p95 and the share of each rating. A card is a toggle button choosing the vital the
 * charts below show.
 */
export function renderVitals(vitals: VitalSummary[], chosen: string, choose: (vital: string) => void): HTMLElement[] {
  return VITALS.map(([name, title]) => {
    const vital = vitals.find((candidate) => candidate.name === name);
    const card = element(
      'button',
      { className: 'card', data: { vital: name } },
      element(
        'span',
        { className: 'card-name', title },
        name,
        vital && element('span', { className: 'card-count' }, `${formatViews(vital.count, vital.weighted)} views`),
      ),
    );
    card.type = 'button';
    card.setAttribute('aria-pressed', String(name === chosen));
    card.addEventListener('click', () => choose(name));
    if (!vital) {
      card.append(element('span', { className: 'card-empty' }, 'not reported'));
      return card;
    }
    const rating = rateVital(name, vital.p75) ?? 'good';
    card.dataset.rating = rating;
    const shares = [
      ['good', vital.good, 'good'],
      ['needs-improvement', vital.needsImprovement, 'needs improvement'],
      ['poor', vital.poor, 'poor'],
    ] as const;
    card.append(
      // Over 100,000 values the collector takes percentiles from hourly histograms, and says so.
      element(
        'span',
        { className: `card-p75 ${rating}`, title: vital.approximate ? 'From hourly histograms: within 1% of the exact percentile' : undefined },
        `${vital.approximate ? '≈ ' : ''}${formatVital(name, vital.p75)}`,
      ),
      renderRating(rating),
      element('span', { className: 'card-sub' }, `p50 ${formatVital(name, vital.p50)} · p95 ${formatVital(name, vital.p95)}`),
      element('span', { className: 'ratings' }, ...shares.map(([key, share]) => element('span', { className: key, width: `${share * 100}%` }))),
      element(
        'span',
        { className: 'card-sub' },
        ...shares.flatMap(([, share, label], i) => [i > 0 && ' · ', element('span', { className: 'nowrap' }, `${label} ${formatShare(share)}`)]),
      ),
    );
    return card;
  });
}
