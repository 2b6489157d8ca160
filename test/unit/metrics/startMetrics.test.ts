import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PerfEvent } from '../../../src/protocol/beacon.js';
import { startMetrics } from '../../../src/sdk/metrics/startMetrics.js';
import { event, frame, longTask, navigation, resource } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

/** Each observed entry type and the event type it becomes. */
const PRODUCES: Record<string, string> = {
  'long-animation-frame': 'loaf',
  longtask: 'longtask',
  event: 'interaction',
  resource: 'resources',
  navigation: 'navigation',
};
const ALL_TYPES = Object.keys(PRODUCES);

afterEach(() => {
  vi.unstubAllGlobals();
  delete (performance as { memory?: unknown }).memory;
});

function stubMemory(get: () => unknown) {
  Object.defineProperty(performance, 'memory', { configurable: true, get });
}

/** Starts every metric, lets the browser deliver one entry of each type, flushes as at page exit. */
async function runPage(fake: ReturnType<typeof fakePerformanceObserver>): Promise<Set<string>> {
  const events: PerfEvent[] = [];
  const metrics = startMetrics(
    (recorded) => events.push(recorded),
    () => '/',
  );
  // Navigation timing is observed in a task after the load event.
  await new Promise((resolve) => setTimeout(resolve, 5));
  fake.emit('long-animation-frame', [frame()]);
  fake.emit('longtask', [longTask()]);
  fake.emit('navigation', [navigation()]);
  fake.emit('resource', [resource()]);
  fake.queue('event', [event()]);
  expect(() => metrics.flush()).not.toThrow();
  return new Set(events.map((recorded) => recorded.type));
}

describe('startMetrics: every browser API may be missing or throw', () => {
  it('sends every kind of event when everything works', async () => {
    stubMemory(() => ({ usedJSHeapSize: 10, totalJSHeapSize: 20, jsHeapSizeLimit: 30 }));
    const types = await runPage(fakePerformanceObserver(ALL_TYPES));
    expect([...types].sort()).toEqual(['interaction', 'loaf', 'longtask', 'memory', 'navigation', 'resources', 'vital'].sort());
  });

  it.each(ALL_TYPES)('%s not supported: nothing thrown, nothing sent for it, everything else still sent', async (missing) => {
    stubMemory(() => ({ usedJSHeapSize: 10, totalJSHeapSize: 20, jsHeapSizeLimit: 30 }));
    const types = await runPage(fakePerformanceObserver(ALL_TYPES.filter((type) => type !== missing)));
    expect(types.has(PRODUCES[missing]!)).toBe(false);
    for (const other of ALL_TYPES.filter((type) => type !== missing)) expect(types.has(PRODUCES[other]!), other).toBe(true);
    expect(types.has('memory')).toBe(true);
  });

  it.each(ALL_TYPES)('%s throwing from observe(): nothing thrown, nothing sent for it, everything else still sent', async (failing) => {
    const types = await runPage(fakePerformanceObserver(ALL_TYPES, [failing]));
    expect(types.has(PRODUCES[failing]!)).toBe(false);
    for (const other of ALL_TYPES.filter((type) => type !== failing)) expect(types.has(PRODUCES[other]!), other).toBe(true);
  });

  it('an entry the mapping chokes on costs only that entry', async () => {
    const fake = fakePerformanceObserver(ALL_TYPES);
    const events: PerfEvent[] = [];
    const metrics = startMetrics(
      (recorded) => events.push(recorded),
      () => '/',
    );
    expect(() => fake.emit('long-animation-frame', [frame({ scripts: null })])).not.toThrow();
    fake.emit('longtask', [longTask()]);
    metrics.flush();
    expect(events.map((recorded) => recorded.type)).toEqual(['longtask']);
  });

  it('starts INP afresh after a bfcache restore, a new page view', async () => {
    const fake = fakePerformanceObserver(ALL_TYPES);
    const events: PerfEvent[] = [];
    const metrics = startMetrics(
      (recorded) => events.push(recorded),
      () => '/',
    );
    fake.emit('event', [event({ duration: 400 })]);
    metrics.flush();
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    fake.emit('event', [event({ interactionId: 2, duration: 120 })]);
    metrics.flush();
    const inps = events.filter((recorded) => recorded.type === 'vital' && recorded.name === 'INP');
    expect(inps.map((inp) => (inp as { value: number }).value)).toEqual([400, 120]);
  });

  it('without PerformanceObserver at all, starts and flushes quietly and still reports memory', () => {
    vi.stubGlobal('PerformanceObserver', undefined);
    stubMemory(() => ({ usedJSHeapSize: 10, totalJSHeapSize: 20, jsHeapSizeLimit: 30 }));
    const events: PerfEvent[] = [];
    const metrics = startMetrics(
      (recorded) => events.push(recorded),
      () => '/',
    );
    expect(() => metrics.flush()).not.toThrow();
    expect(events).toEqual([expect.objectContaining({ type: 'memory', name: 'performance.memory', value: 10, total: 20, limit: 30 })]);
  });

  it('performance.memory throwing costs only the memory event', async () => {
    stubMemory(() => {
      throw new Error('no memory for you');
    });
    const types = await runPage(fakePerformanceObserver(ALL_TYPES));
    expect(types.has('memory')).toBe(false);
    expect(types.has('loaf')).toBe(true);
    expect(types.has('resources')).toBe(true);
  });
});
