import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LongTaskEvent, NavigationEvent } from '../../../src/protocol/beacon.js';
import { trackLongTasks } from '../../../src/sdk/metrics/trackLongTasks.js';
import { trackNavigation } from '../../../src/sdk/metrics/trackNavigation.js';
import { longTask, navigation } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

afterEach(() => vi.unstubAllGlobals());
const afterLoad = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('trackNavigation', () => {
  it('breaks navigation timing into phases once the load event is over', async () => {
    const fake = fakePerformanceObserver(['navigation']);
    const events: NavigationEvent[] = [];
    trackNavigation((recorded) => events.push(recorded));
    await afterLoad();
    fake.emit('navigation', [navigation()]);
    expect(events).toEqual([
      {
        type: 'navigation',
        name: 'navigate',
        start: 0,
        duration: 900,
        phases: {
          redirect: 0,
          cache: 3,
          dns: 20,
          connect: 35,
          tls: 20,
          request: 100,
          response: 39,
          dom: 200,
          domContentLoaded: 2,
          subresources: 480,
          load: 15,
        },
        transferSize: 5000,
      },
    ]);
  });

  it('names back-forward, prerendered and bfcache-restored navigations', async () => {
    const fake = fakePerformanceObserver(['navigation']);
    const events: NavigationEvent[] = [];
    trackNavigation((recorded) => events.push(recorded));
    await afterLoad();
    fake.emit('navigation', [navigation({ type: 'back_forward' }), navigation({ activationStart: 120 })]);
    dispatchEvent(Object.assign(new Event('pageshow'), { persisted: true }));
    expect(events.map((recorded) => recorded.name)).toEqual(['back-forward', 'prerender', 'back-forward-cache']);
  });
});

describe('trackLongTasks', () => {
  it('reports each long task with its attribution, at most 100 a page view', () => {
    const fake = fakePerformanceObserver(['longtask']);
    const events: LongTaskEvent[] = [];
    trackLongTasks((recorded) => events.push(recorded));
    fake.emit(
      'longtask',
      Array.from({ length: 150 }, () => longTask()),
    );
    expect(events).toHaveLength(100);
    expect(events[0]).toEqual({ type: 'longtask', name: 'self', start: 200, duration: 80, container: 'window' });
  });
});
