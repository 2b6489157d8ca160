import type { RankedFunction } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatSampledMs } from './format.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** Functions by self time, with where they are in the original source (after symbolication); `≈` marks times estimated from counts. */
export function renderFunctions(functions: RankedFunction[]): HTMLTableRowElement[] {
  const heaviest = functions[0]?.selfMs || 1;
  return tableRows(
    functions.map((fn) => [
      cell(element('span', { className: 'fn' }, fn.name)),
      cell(fn.file ? `${fn.file}:${fn.line}` : '–', 'source'),
      numberCell(formatSampledMs(fn.selfMs, fn.estimated), fn.selfMs),
      numberCell(formatSampledMs(fn.totalMs, fn.estimated), fn.totalMs),
      cell(element('div', { className: 'share' }, element('span', { width: `${(fn.selfMs / heaviest) * 100}%` }))),
    ]),
    5,
  );
}
