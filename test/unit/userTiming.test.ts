import { beforeEach, describe, expect, it } from 'vitest';
import type { MarkEvent, MeasureEvent } from '../../src/protocol/beacon.js';
import { MAX_DETAIL, MAX_NAME } from '../../src/protocol/limits.js';
import { createUserTiming } from '../../src/sdk/userTiming.js';

let recorded: (MarkEvent | MeasureEvent)[];
let timing: ReturnType<typeof createUserTiming>;

beforeEach(() => {
  performance.clearMarks();
  performance.clearMeasures();
  recorded = [];
  timing = createUserTiming((event) => recorded.push(event));
});

describe('perf.mark', () => {
  it('writes a User Timing mark, detail and all, and records it with the size of its detail only', () => {
    timing.mark('checkout', { email: 'someone@example.com' });
    const [entry] = performance.getEntriesByName('checkout', 'mark') as PerformanceMark[];
    expect(entry?.detail).toEqual({ email: 'someone@example.com' });
    expect(recorded).toEqual([{ type: 'mark', name: 'checkout', start: Math.round((entry?.startTime ?? 0) * 10) / 10, detailSize: 31 }]);
  });

  it('records the detail as JSON when asked to keep it (markDetail)', () => {
    const keeping = createUserTiming((event) => recorded.push(event), true);
    keeping.mark('checkout', { step: 2 });
    expect(recorded[0]).toMatchObject({ name: 'checkout', detail: '{"step":2}' });
    expect(recorded[0]).not.toHaveProperty('detailSize');
  });

  it('keeps the time a queued call was made', () => {
    timing.mark('early', undefined, 12.34);
    expect(performance.getEntriesByName('early', 'mark')[0]?.startTime).toBe(12.34);
    expect(recorded[0]).toMatchObject({ name: 'early', start: 12.3 });
  });

  it('coerces numbers, trims and caps names, and ignores names that are not names', () => {
    timing.mark(42);
    timing.mark('  spaced  ');
    timing.mark('x'.repeat(MAX_NAME + 50));
    for (const odd of [undefined, null, '', '   ', {}, [], Symbol('s'), () => 1, true]) timing.mark(odd);
    expect(recorded.map((event) => event.name)).toEqual(['42', 'spaced', 'x'.repeat(MAX_NAME)]);
  });

  it('marks without the detail that cannot be cloned or serialised, and caps long details it keeps', () => {
    const keeping = createUserTiming((event) => recorded.push(event), true);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    keeping.mark('fn', () => 1);
    keeping.mark('circular', circular);
    keeping.mark('big', 'y'.repeat(MAX_DETAIL * 2));
    timing.mark('big', 'y'.repeat(MAX_DETAIL * 2));
    expect(recorded.map((event) => event.name)).toEqual(['fn', 'circular', 'big', 'big']);
    for (const unserialisable of recorded.slice(0, 2)) expect(Object.keys(unserialisable).sort()).toEqual(['name', 'start', 'type']);
    expect(recorded[2]?.detail).toHaveLength(MAX_DETAIL);
    expect(recorded[3]).toMatchObject({ detailSize: MAX_DETAIL * 2 + 2 });
  });
});

describe('perf.measure', () => {
  it('measures between marks by name', () => {
    timing.mark('a', undefined, 10);
    timing.mark('b', undefined, 35.5);
    timing.measure('a to b', 'a', 'b');
    expect(recorded.at(-1)).toEqual({ type: 'measure', name: 'a to b', start: 10, duration: 25.5 });
    expect(performance.getEntriesByName('a to b', 'measure')).toHaveLength(1);
  });

  it('measures between numbers, and from the time origin to now by default', () => {
    timing.measure('numbers', 5, 8);
    timing.measure('whole');
    expect(recorded[0]).toEqual({ type: 'measure', name: 'numbers', start: 5, duration: 3 });
    expect(recorded[1]).toMatchObject({ name: 'whole', start: 0 });
    expect((recorded[1] as MeasureEvent).duration).toBeGreaterThan(0);
  });

  it('ends a queued measure at the time it was queued', () => {
    timing.mark('start', undefined, 3);
    timing.measure('queued', 'start', undefined, 9);
    expect(recorded.at(-1)).toMatchObject({ name: 'queued', start: 3, duration: 6 });
  });

  it('drops a measure between marks the page never made, without throwing', () => {
    expect(() => timing.measure('ghost', 'no-such-mark', 'neither')).not.toThrow();
    expect(() => timing.measure({}, NaN, -1)).not.toThrow();
    expect(recorded).toEqual([]);
  });
});
