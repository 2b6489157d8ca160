import type { ViewSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** The latest page views and the context they were measured in; each opens its timeline. */
export function renderViews(views: ViewSummary[], openView: (id: string) => void): HTMLTableRowElement[] {
  return tableRows(
    views.map((view) => {
      const open = element('button', { className: 'link', title: 'Open this page view on a timeline' }, view.url);
      open.type = 'button';
      open.addEventListener('click', () => openView(view.id));
      const started = cell(new Date(view.startedAt).toLocaleString());
      started.dataset.sort = String(view.startedAt);
      return [
        started,
        cell(open),
        cell(view.release ?? '–'),
        cell([view.deviceClass, view.browser, view.connection].filter(Boolean).join(' · ') || '–', 'muted'),
        numberCell(view.events),
      ];
    }),
    5,
  );
}
