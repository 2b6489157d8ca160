import type { MarkEvent, MeasureEvent } from '../protocol/beacon.js';
import { MAX_DETAIL, MAX_NAME } from '../protocol/limits.js';
import { round } from '../protocol/round.js';

type Recorder = (event: MarkEvent | MeasureEvent) => void;
type Bound = string | number | undefined;

/**
 * `perf.mark()` / `perf.measure()`: written to the browser's User Timing (so they show in
 * devtools and in the performance timeline) and recorded for the beacon. Odd arguments are
 * coerced or ignored; a measure between unknown marks is dropped, as the browser would refuse it.
 * `at` is the time a call was queued by the inline snippet, so replayed calls keep their time.
 * A mark's `detail` is the app's own data: only its JSON's length is sent, unless `keepDetail`.
 */
export function createUserTiming(record: Recorder, keepDetail = false) {
  function mark(name: unknown, detail?: unknown, at?: number): void {
    const markName = toName(name);
    if (!markName) return;
    const startTime = isTime(at) ? at : performance.now();
    const json = toJson(detail);
    browserMark(markName, startTime, detail);
    record({
      type: 'mark',
      name: markName,
      start: round(startTime),
      ...(json === undefined ? {} : keepDetail ? { detail: json.slice(0, MAX_DETAIL) } : { detailSize: json.length }),
    });
  }

  function measure(name: unknown, start?: unknown, end?: unknown, at?: number): void {
    const measureName = toName(name);
    if (!measureName) return;
    const endBound = toBound(end) ?? (isTime(at) ? at : undefined);
    const entry = performance.measure(measureName, { start: toBound(start) ?? 0, end: endBound ?? performance.now() });
    if (!entry) return;
    record({ type: 'measure', name: measureName, start: round(entry.startTime), duration: round(entry.duration) });
  }

  return {
    mark,
    measure: (name: unknown, start?: unknown, end?: unknown, at?: number) => {
      try {
        measure(name, start, end, at);
      } catch {
        // The browser refuses a measure between marks it does not know: so do we, quietly.
      }
    },
  };
}

function browserMark(name: string, startTime: number, detail: unknown): void {
  try {
    performance.mark(name, { startTime, detail });
  } catch {
    // `detail` that cannot be structured-cloned (a function, a DOM node): mark without it.
    performance.mark(name, { startTime });
  }
}

function toName(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  return String(value).trim().slice(0, MAX_NAME);
}

function toBound(value: unknown): Bound {
  if (typeof value === 'string' && value !== '') return value;
  return isTime(value) ? value : undefined;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function toJson(detail: unknown): string | undefined {
  if (detail === undefined || detail === null) return undefined;
  try {
    return JSON.stringify(detail);
  } catch {
    return undefined;
  }
}
