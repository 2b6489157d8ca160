import { describe, expect, it, vi } from 'vitest';
import type { PerfEvent } from '../../src/protocol/beacon.js';
import { createRecorder } from '../../src/sdk/createRecorder.js';

const mark = (start: number): PerfEvent => ({ type: 'mark', name: 'm', start });
const routeAt = (time: number) => (time < 100 ? '/home' : '/cart');

describe('createRecorder', () => {
  it('attributes each event to the route active at its start, unless it names its own', () => {
    const add = vi.fn();
    const record = createRecorder(add, routeAt);
    record(mark(50));
    record(mark(150));
    record({ type: 'route', name: 'checkout', start: 160, route: 'checkout' });
    expect(add.mock.calls.map(([event]) => (event as PerfEvent).route)).toEqual(['/home', '/cart', 'checkout']);
  });

  it('lets beforeSend rewrite or drop events', () => {
    const add = vi.fn();
    const record = createRecorder(add, routeAt, (event) => (event.start > 100 ? null : ({ ...event, name: 'renamed' } as PerfEvent)));
    record(mark(50));
    record(mark(150));
    expect(add.mock.calls).toEqual([[{ type: 'mark', name: 'renamed', start: 50, route: '/home' }]]);
  });

  it('drops the event when beforeSend throws or returns something that is not that event', () => {
    const add = vi.fn();
    const hooks = [
      () => {
        throw new Error('hook bug');
      },
      () => ({ type: 'measure' }),
      () => 'kept',
      () => ({ type: 'mark', name: 7, start: 1 }),
    ];
    for (const hook of hooks) {
      expect(() => createRecorder(add, routeAt, hook as never)(mark(1))).not.toThrow();
    }
    expect(add).not.toHaveBeenCalled();
  });
});
