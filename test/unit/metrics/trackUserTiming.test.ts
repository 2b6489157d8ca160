import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MarkEvent, MeasureEvent } from '../../../src/protocol/beacon.js';
import { trackUserTiming } from '../../../src/sdk/metrics/trackUserTiming.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

afterEach(() => vi.unstubAllGlobals());

const mark = (name: string, startTime: number) => ({ entryType: 'mark', name, startTime, duration: 0, detail: { secret: 1 } });

describe('trackUserTiming (opt-in)', () => {
  it("reports the app's own marks and measures, names and times only, but not those perf.mark() recorded", () => {
    const fake = fakePerformanceObserver(['mark', 'measure']);
    const events: (MarkEvent | MeasureEvent)[] = [];
    const tracker = trackUserTiming((recorded) => events.push(recorded));
    tracker.own({ type: 'mark', name: 'ours', start: 12.3 });
    fake.emit('mark', [mark('ours', 12.34), mark('app-start', 20.04)]);
    fake.queue('measure', [{ entryType: 'measure', name: 'app work', startTime: 20.04, duration: 99.96 }]);
    tracker.flush();
    expect(events).toEqual([
      { type: 'mark', name: 'app-start', start: 20 },
      { type: 'measure', name: 'app work', start: 20, duration: 100 },
    ]);
  });

  it('reports at most 200 entries a page view', () => {
    const fake = fakePerformanceObserver(['mark', 'measure']);
    const record = vi.fn();
    trackUserTiming(record);
    fake.emit(
      'mark',
      Array.from({ length: 300 }, (_, i) => mark(`m${i}`, i)),
    );
    expect(record).toHaveBeenCalledTimes(200);
  });
});
