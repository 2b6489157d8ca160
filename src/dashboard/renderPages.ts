import type { PageSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatVital } from './format.js';
import { rateVital } from './rateVital.js';
import { cell, numberCell, tableRows } from './tableRows.js';

const vitalCell = (name: string, value: number | null) => {
  const td = numberCell(formatVital(name, value));
  if (value !== null) td.classList.add(rateVital(name, value) ?? '');
  return td;
};

/** Pages with their views and p75 vitals; a page's URL narrows every section to it. */
export function renderPages(pages: PageSummary[], filterByPage: (url: string) => void): HTMLTableRowElement[] {
  return tableRows(
    pages.map((page) => {
      const link = element('button', { className: 'link', title: 'Show only this page' }, page.url);
      link.type = 'button';
      link.addEventListener('click', () => filterByPage(page.url));
      return [cell(link), numberCell(page.views), vitalCell('LCP', page.LCP), vitalCell('INP', page.INP), vitalCell('CLS', page.CLS)];
    }),
    5,
  );
}
