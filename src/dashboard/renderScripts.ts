import type { FrameScriptSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatMs } from './format.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** The scripts that spent the most time inside long animation frames. */
export function renderScripts(scripts: FrameScriptSummary[]): HTMLTableRowElement[] {
  return tableRows(
    scripts.map((script) => [
      cell([element('span', { className: 'fn' }, script.fn || '(anonymous)'), element('div', { className: 'source' }, script.url || '(source not exposed)')]),
      cell(script.invoker, 'muted'),
      numberCell(script.count),
      numberCell(formatMs(script.total), script.total),
      numberCell(formatMs(script.max), script.max),
    ]),
    5,
  );
}
