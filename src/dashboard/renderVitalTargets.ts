import type { VitalTarget } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatVital } from './format.js';
import { rateVital } from './rateVital.js';
import { renderRating } from './renderRating.js';
import { cell, numberCell, tableRows } from './tableRows.js';

const EMPTY: Record<string, string> = {
  LCP: 'No LCP element named yet.',
  CLS: 'No layout shift named an element yet.',
  INP: 'No interaction named its target yet.',
};

/** The elements one vital's attribution named (a CSS selector from the page, shown as text), most often first, with the vital's p75 there and its rating. */
export function renderVitalTargets(vital: string, targets: VitalTarget[]): HTMLTableRowElement[] {
  return tableRows(
    targets
      .filter((target) => target.vital === vital)
      .map((target) => {
        const rating = rateVital(vital, target.p75);
        return [
          cell(element('code', {}, target.target)),
          numberCell(target.count),
          numberCell([formatVital(vital, target.p75), ' ', rating && renderRating(rating)], target.p75),
        ];
      }),
    3,
    EMPTY[vital],
  );
}
