import { element } from './element.js';
import type { Rating } from './rateVital.js';

/**
 * How each rating looks wherever it is shown: a shape and a word with every colour, so that no
 * reader needs to tell the colours apart. The fills are the Okabe–Ito palette's bluish green,
 * orange and vermillion (distinct under the common colour vision deficiencies); text uses darker
 * shades of them with at least 4.5:1 contrast on white (dashboard.css).
 */
export const RATINGS: Record<Rating, { icon: string; label: string; fill: string }> = {
  good: { icon: '✓', label: 'good', fill: '#009e73' },
  'needs-improvement': { icon: '▲', label: 'needs improvement', fill: '#e69f00' },
  poor: { icon: '✕', label: 'poor', fill: '#d55e00' },
};

/** A rating as a badge: its shape (hidden from screen readers, which read the word) and its word. */
export function renderRating(rating: Rating): HTMLElement {
  const { icon, label } = RATINGS[rating];
  const badge = element('span', { className: `rating ${rating}` }, element('span', { className: 'rating-icon' }, icon), ` ${label}`);
  badge.firstElementChild?.setAttribute('aria-hidden', 'true');
  return badge;
}
