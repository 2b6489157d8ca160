/** An hour of the hourly sums and summaries (`frame_script_hours`, `value_hours`), in ms. */
export const HOUR_MS = 3_600_000;

/** The hour of an epoch-ms time. */
export const hourOf = (at: number): number => Math.floor(at / HOUR_MS);

/** A half-open range, epoch ms or hours; empty when `from >= to`. */
export type Range = [from: number, to: number];

const NONE: Range = [0, 0];

/**
 * Splits a query's time range for the hourly summaries: the whole hours inside it, read from the
 * summaries, and the partial hours at its two ends, read from the events. Together they cover
 * the range exactly once.
 */
export function hourRanges(from: number | undefined, to: number | undefined): { hours: Range; edges: [Range, Range] } {
  const first = from === undefined ? Number.MIN_SAFE_INTEGER : Math.ceil(from / HOUR_MS);
  const end = to === undefined ? Number.MAX_SAFE_INTEGER : Math.floor(to / HOUR_MS);
  if (first >= end) return { hours: NONE, edges: [[from ?? Number.MIN_SAFE_INTEGER, to ?? Number.MAX_SAFE_INTEGER], NONE] };
  return {
    hours: [first, end],
    edges: [from === undefined ? NONE : [from, first * HOUR_MS], to === undefined ? NONE : [end * HOUR_MS, to]],
  };
}
