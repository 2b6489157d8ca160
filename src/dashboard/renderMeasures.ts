import type { MeasureDistribution } from '../protocol/queryApi.js';
import { cell, numberCell, tableRows } from './tableRows.js';

const ms = (value: number) => value.toFixed(1);

/** The app's own `perf.measure()` durations. */
export function renderMeasures(measures: MeasureDistribution[]): HTMLTableRowElement[] {
  return tableRows(
    measures.map((m) => [cell(m.name), numberCell(m.count), numberCell(ms(m.p50), m.p50), numberCell(ms(m.p75), m.p75), numberCell(ms(m.p95), m.p95)]),
    5,
  );
}
