import type { PageSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatViews, formatVital } from './format.js';
import { rateVital } from './rateVital.js';
import { RATINGS } from './renderRating.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** A page's p75 with its rating's shape before it (the word is the cell's title), never its colour alone. */
const vitalCell = (name: string, value: number | null) => {
  const rating = value === null ? undefined : rateVital(name, value);
  const td = numberCell(
    rating ? [element('span', { className: 'rating-icon' }, RATINGS[rating].icon), ' ', formatVital(name, value)] : formatVital(name, value),
    value,
  );
  if (rating) {
    td.classList.add(rating);
    td.title = RATINGS[rating].label;
    td.firstElementChild?.setAttribute('aria-label', RATINGS[rating].label);
  }
  return td;
};

/** Pages with their views and p75 vitals; a page's URL narrows every section to it. */
export function renderPages(pages: PageSummary[], filterByPage: (url: string) => void): HTMLTableRowElement[] {
  return tableRows(
    pages.map((page) => {
      const link = element('button', { className: 'link', title: 'Show only this page' }, page.url);
      link.type = 'button';
      link.addEventListener('click', () => filterByPage(page.url));
      return [
        cell(link),
        numberCell(formatViews(page.views, page.weightedViews), page.weightedViews),
        vitalCell('LCP', page.LCP),
        vitalCell('INP', page.INP),
        vitalCell('CLS', page.CLS),
      ];
    }),
    5,
  );
}
