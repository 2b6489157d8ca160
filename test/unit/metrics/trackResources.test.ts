import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ResourcesEvent } from '../../../src/protocol/beacon.js';
import { trackResources } from '../../../src/sdk/metrics/trackResources.js';
import { resource } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

afterEach(() => vi.unstubAllGlobals());

describe('trackResources', () => {
  it('summarises by initiator type and origin, with cache hits, render-blocking and slowest resources, URLs stripped', () => {
    const fake = fakePerformanceObserver(['resource']);
    const events: ResourcesEvent[] = [];
    const tracker = trackResources((recorded) => events.push(recorded));
    fake.emit('resource', [
      resource(),
      resource({ name: 'https://shop.example/app.css?v=1', initiatorType: 'link', startTime: 20, duration: 80, renderBlockingStatus: 'blocking' }),
      resource({ name: 'https://cdn.other.example/lib.js', duration: 300, transferSize: 0, decodedBodySize: 500 }),
      resource({ name: 'data:image/png;base64,AAAA', initiatorType: 'img', duration: 1, transferSize: 0, decodedBodySize: 0 }),
    ]);
    tracker.flush();
    expect(events).toHaveLength(1);
    const [summary] = events;
    expect(summary?.start).toBe(50);
    expect(summary?.byType).toEqual({
      script: { count: 2, transfer: 1000, decoded: 3500, cached: 1, duration: 340 },
      link: { count: 1, transfer: 1000, decoded: 3000, cached: 0, duration: 80 },
      img: { count: 1, transfer: 0, decoded: 0, cached: 0, duration: 1 },
    });
    expect(Object.keys(summary?.byOrigin ?? {})).toEqual(['https://shop.example', 'https://cdn.other.example', 'other']);
    expect(summary?.byOrigin['https://shop.example']?.count).toBe(2);
    expect(summary?.renderBlocking).toEqual(['https://shop.example/app.css']);
    expect(summary?.slowest.map((entry) => entry.url)).toEqual([
      'https://cdn.other.example/lib.js',
      'https://shop.example/app.css',
      'https://shop.example/app.js',
      'data:',
    ]);
  });

  it('reports only what arrived since the last flush, and nothing when nothing did', () => {
    const fake = fakePerformanceObserver(['resource']);
    const events: ResourcesEvent[] = [];
    const tracker = trackResources((recorded) => events.push(recorded));
    fake.emit('resource', [resource()]);
    tracker.flush();
    tracker.flush();
    fake.queue('resource', [resource(), resource()]);
    tracker.flush();
    expect(events.map((summary) => summary.byType.script?.count)).toEqual([1, 2]);
  });

  it('keeps the bounds of the protocol however many resources and origins a page has', () => {
    const fake = fakePerformanceObserver(['resource']);
    const events: ResourcesEvent[] = [];
    const tracker = trackResources((recorded) => events.push(recorded));
    fake.emit(
      'resource',
      Array.from({ length: 200 }, (_, i) => resource({ name: `https://host${i}.example/x.js`, duration: i, renderBlockingStatus: 'blocking' })),
    );
    tracker.flush();
    const [summary] = events;
    expect(Object.keys(summary?.byOrigin ?? {})).toHaveLength(32);
    expect(summary?.byOrigin.other?.count).toBe(169);
    expect(summary?.renderBlocking).toHaveLength(32);
    expect(summary?.slowest.map((entry) => entry.duration)).toEqual([199, 198, 197, 196, 195, 194, 193, 192, 191, 190]);
  });
});
