import { element, type Child } from './element.js';

/** A cell; numbers are right-aligned in tabular figures. */
export const cell = (content: Child | Child[], className?: string) =>
  element('td', className ? { className } : {}, ...(Array.isArray(content) ? content : [content]));
export const numberCell = (content: Child) => cell(content, 'num');

/** Table rows from cells, or one row saying there is nothing yet (so a section never looks broken). */
export function tableRows(rows: HTMLTableCellElement[][], columns: number): HTMLTableRowElement[] {
  if (rows.length === 0) return [element('tr', {}, element('td', { className: 'empty', colSpan: columns }, 'No data yet.'))];
  return rows.map((cells) => element('tr', {}, ...cells));
}
