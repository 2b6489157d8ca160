import type { FunctionComparison, MetricComparison, Verdict } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatMs, formatVital } from './format.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** A verdict as a word with a shape, never by colour alone: ▲ regressed, ▼ improved, = unchanged. */
const VERDICT_MARKS: Record<Verdict, string> = { regressed: '▲', improved: '▼', unchanged: '=' };
const verdictCell = (verdict: Verdict) => cell(element('span', { className: `verdict ${verdict}` }, `${VERDICT_MARKS[verdict]} ${verdict}`));
const signed = (text: string, value: number) => (value > 0 ? `+${text}` : text);

/** Vitals or measures of two releases side by side: each p75, the change with its 95% interval, and the verdict. */
export function renderMetricComparisons(rows: MetricComparison[], unitOf: (name: string) => (value: number) => string): HTMLTableRowElement[] {
  return tableRows(
    rows.map((row) => {
      const shown = unitOf(row.name);
      return [
        cell(row.name),
        numberCell(shown(row.base.p75), row.base.p75),
        numberCell(String(row.base.count), row.base.count),
        numberCell(shown(row.head.p75), row.head.p75),
        numberCell(String(row.head.count), row.head.count),
        numberCell(signed(shown(row.change), row.change), row.change),
        numberCell(`${shown(row.interval[0])} … ${shown(row.interval[1])}`, row.interval[0]),
        verdictCell(row.verdict),
      ];
    }),
    8,
    'Neither release has any.',
  );
}

export const vitalUnit = (name: string) => (value: number) => formatVital(name, value);
export const msUnit = () => (value: number) => formatMs(value);

/** Functions of two releases: self time per profiled window in each (and its share of a profiled second), the change, the samples behind it, the verdict; regressions first. */
export function renderFunctionComparisons(rows: FunctionComparison[]): HTMLTableRowElement[] {
  return tableRows(
    rows.map((fn) => [
      cell(element('span', { className: 'fn' }, fn.name)),
      cell(fn.file ? `${fn.file}:${fn.line}` : '–', 'source'),
      numberCell(formatMs(fn.base.perWindow), fn.base.perWindow),
      numberCell(formatMs(fn.head.perWindow), fn.head.perWindow),
      numberCell(signed(formatMs(fn.change), fn.change), fn.change),
      numberCell(`${Math.round(fn.base.self / 10)}% → ${Math.round(fn.head.self / 10)}%`, fn.head.self),
      numberCell(String(fn.samples), fn.samples),
      verdictCell(fn.verdict),
    ]),
    8,
    'No profile in either release.',
  );
}
