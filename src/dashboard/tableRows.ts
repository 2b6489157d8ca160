import { element, type Child } from './element.js';

/** A cell; numbers are right-aligned in tabular figures. */
export const cell = (content: Child | Child[], className?: string) =>
  element('td', className ? { className } : {}, ...(Array.isArray(content) ? content : [content]));
/** A number's cell, sorted by `sort` (the raw number) when its text is formatted. */
export const numberCell = (content: Child | Child[], sort?: number | null) => {
  const td = cell(content, 'num');
  const value = sort ?? (typeof content === 'number' ? content : undefined);
  if (value !== undefined && value !== null) td.dataset.sort = String(value);
  return td;
};

/** Table rows from cells, or one row saying there is nothing yet (so a section never looks broken). */
export function tableRows(rows: HTMLTableCellElement[][], columns: number, empty = 'No data yet.'): HTMLTableRowElement[] {
  if (rows.length === 0) return [element('tr', {}, element('td', { className: 'empty', colSpan: columns }, empty))];
  return rows.map((cells) => element('tr', {}, ...cells));
}
