import type { PerfEvent } from '../../protocol/beacon.js';

/** An event as every adapter stores it: common columns, and the rest of its fields as JSON. */
export interface EventRow {
  type: string;
  name: string;
  start: number;
  duration: number | null;
  value: number | null;
  route: string | null;
  /** JSON of the event's other fields (attribution, phases, a mark's detail, …). */
  data: string | null;
}

export function toEventRow(event: PerfEvent): EventRow {
  // One rest object per event (not two): this runs for every event of every beacon.
  const { type, name, start, route, duration, value, ...data } = event as PerfEvent & { duration?: number; value?: number };
  return {
    type,
    name,
    start,
    duration: duration ?? null,
    value: value ?? null,
    route: route ?? null,
    data: jsonOrNull(data),
  };
}

export function jsonOrNull(fields: object): string | null {
  return Object.keys(fields).length === 0 ? null : JSON.stringify(fields);
}
