import type { ViewSummary } from '../protocol/queryApi.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** The latest page views and the context they were measured in. */
export function renderViews(views: ViewSummary[]): HTMLTableRowElement[] {
  return tableRows(
    views.map((view) => [
      cell(new Date(view.startedAt).toLocaleString()),
      cell(view.url),
      cell(view.release ?? '–'),
      cell([view.deviceClass, view.browser, view.connection].filter(Boolean).join(' · ') || '–', 'muted'),
      numberCell(view.events),
    ]),
    5,
  );
}
