import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameEvent } from '../../../src/protocol/beacon.js';
import { trackLongAnimationFrames } from '../../../src/sdk/metrics/trackLongAnimationFrames.js';
import { frame, script } from './entries.js';
import { fakePerformanceObserver } from './fakePerformanceObserver.js';

afterEach(() => vi.unstubAllGlobals());

describe('trackLongAnimationFrames', () => {
  it('reports a frame with every script, longest first, URLs stripped, named after its longest script', () => {
    const fake = fakePerformanceObserver(['long-animation-frame']);
    const events: FrameEvent[] = [];
    trackLongAnimationFrames((recorded) => events.push(recorded));
    fake.emit('long-animation-frame', [
      frame({
        firstUIEventTimestamp: 998.25,
        scripts: [
          script({ duration: 10, invoker: 'https://shop.example/boot.js?t=1', invokerType: 'classic-script', sourceFunctionName: '' }),
          script({ duration: 90 }),
        ],
      }),
    ]);
    expect(events).toEqual([
      {
        type: 'loaf',
        name: 'BUTTON#buy.onclick',
        start: 1000,
        duration: 120,
        blocking: 70,
        renderStart: 1100,
        styleLayoutStart: 1105,
        firstInput: 998.3,
        scripts: [
          {
            url: 'https://shop.example/app.js',
            fn: 'handler',
            invoker: 'BUTTON#buy.onclick',
            invokerType: 'event-listener',
            char: 120,
            start: 1010,
            duration: 90,
            forcedLayout: 4,
            pause: 0,
          },
          {
            url: 'https://shop.example/app.js',
            fn: '',
            invoker: 'https://shop.example/boot.js',
            invokerType: 'classic-script',
            char: 120,
            start: 1010,
            duration: 10,
            forcedLayout: 4,
            pause: 0,
          },
        ],
      },
    ]);
  });

  it('scrubs invokers that name an element as selectors are, and script URLs as URLs are', () => {
    const fake = fakePerformanceObserver(['long-animation-frame']);
    const events: FrameEvent[] = [];
    trackLongAnimationFrames((recorded) => events.push(recorded));
    fake.emit('long-animation-frame', [
      frame({
        scripts: [
          script({ duration: 90, invoker: 'IMG[src=https://cdn.example/u/jane@example.com.png?sig=1].onload' }),
          script({
            duration: 10,
            invoker: 'https://shop.example/users/42/boot.js',
            invokerType: 'classic-script',
            sourceURL: 'https://shop.example/users/42/boot.js',
          }),
        ],
      }),
    ]);
    expect(events[0]?.name).toBe('IMG[src].onload');
    expect(events[0]?.scripts.map(({ url, invoker }) => [url, invoker])).toEqual([
      ['https://shop.example/app.js', 'IMG[src].onload'],
      ['https://shop.example/users/:id/boot.js', 'https://shop.example/users/:id/boot.js'],
    ]);
  });

  it('keeps the 20 longest scripts of a frame and at most 100 frames a page view', () => {
    const fake = fakePerformanceObserver(['long-animation-frame']);
    const events: FrameEvent[] = [];
    trackLongAnimationFrames((recorded) => events.push(recorded));
    const scripts = Array.from({ length: 30 }, (_, i) => script({ duration: i }));
    fake.emit(
      'long-animation-frame',
      Array.from({ length: 120 }, () => frame({ scripts })),
    );
    expect(events).toHaveLength(100);
    expect(events[0]?.scripts.map((kept) => kept.duration)).toEqual(Array.from({ length: 20 }, (_, i) => 29 - i));
  });

  it('answers which scripts ran in the frames an interaction overlapped, including frames only flush() took', () => {
    const fake = fakePerformanceObserver(['long-animation-frame']);
    const tracker = trackLongAnimationFrames(() => undefined);
    fake.emit('long-animation-frame', [frame({ startTime: 0, duration: 60, scripts: [script({ sourceFunctionName: 'early' })] })]);
    fake.queue('long-animation-frame', [frame({ startTime: 500, duration: 300, scripts: [script({ sourceFunctionName: 'slowClick' })] })]);
    tracker.flush?.();
    expect(tracker.scriptsBetween(520, 900).map((kept) => kept.fn)).toEqual(['slowClick']);
    expect(tracker.scriptsBetween(100, 400)).toEqual([]);
  });
});
