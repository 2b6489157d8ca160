import { SCRIPT_HOUR_MS } from './scriptHours.js';

/** A half-open range, epoch ms or hours; empty when `from >= to`. */
export type Range = [from: number, to: number];

const NONE: Range = [0, 0];

/**
 * Splits a query's time range for the long-frame scripts: the whole hours inside it, read from
 * `frame_script_hours`, and the partial hours at its two ends, read from the events. Together
 * they cover the range exactly once.
 */
export function scriptHourRanges(from: number | undefined, to: number | undefined): { hours: Range; edges: [Range, Range] } {
  const first = from === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(from / SCRIPT_HOUR_MS);
  const end = to === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(to / SCRIPT_HOUR_MS);
  if (first >= end) return { hours: NONE, edges: [[from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER], NONE] };
  return {
    hours: [first, end],
    edges: [from === undefined ? NONE : [from, first * SCRIPT_HOUR_MS], to === undefined ? NONE : [end * SCRIPT_HOUR_MS, to]],
  };
}
