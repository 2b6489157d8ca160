import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProfilerTrace, ProfileWindow } from '../../src/protocol/workerApi.js';
import { readScriptOptions, resolveOptions } from '../../src/sdk/options.js';
import { LEAVING_PAUSE_MS, MAX_WINDOWS, SETTLE_MS, SLOW_WINDOW_MS, startProfiling, WINDOW_MS } from '../../src/sdk/profiler/startProfiling.js';
import { fakePerformanceObserver } from './metrics/fakePerformanceObserver.js';

const host = globalThis as { Profiler?: unknown };
const emptyTrace: ProfilerTrace = { resources: [], frames: [], stacks: [], samples: [] };

/**
 * Stands in for the browser's Profiler where happy-dom has none: it records how it is used. The
 * real one runs in the browser tests (test/browser/profiling.test.ts). A new class per test: the
 * instances of earlier tests still listen to the document and keep the class they started with.
 */
function fakeProfilerClass() {
  return class FakeProfiler extends EventTarget {
    static created: FakeProfiler[] = [];
    static options: unknown[] = [];
    stopped = false;
    constructor(options: unknown) {
      super();
      FakeProfiler.options.push(options);
      FakeProfiler.created.push(this);
    }
    stop(): Promise<ProfilerTrace> {
      this.stopped = true;
      return Promise.resolve(emptyTrace);
    }
  };
}
let FakeProfiler = fakeProfilerClass();

function setVisibility(state: 'visible' | 'hidden'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

let handed: { window: ProfileWindow }[] = [];
let handOver: (window: ProfileWindow) => Promise<void>;

beforeEach(() => {
  const mine: typeof handed = (handed = []);
  handOver = async (window) => void mine.push({ window });
  FakeProfiler = fakeProfilerClass();
  vi.useFakeTimers();
});
afterEach(() => {
  delete host.Profiler;
  vi.useRealTimers();
  vi.unstubAllGlobals();
  setVisibility('visible');
});

describe('startProfiling where the browser cannot profile', () => {
  it('is off, quietly, without a Profiler', () => {
    delete host.Profiler;
    expect(startProfiling(handOver)).toBeUndefined();
  });

  it('is off, quietly, when the constructor refuses (no Document-Policy), after trying once', () => {
    const refusingProfiler = vi.fn(() => {
      throw new DOMException('js-profiling is not allowed', 'NotAllowedError');
    });
    host.Profiler = refusingProfiler;
    expect(startProfiling(handOver)).toBeUndefined();
    expect(refusingProfiler).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(WINDOW_MS * 2);
    expect(refusingProfiler).toHaveBeenCalledTimes(1);
  });
});

describe('startProfiling windows', () => {
  beforeEach(() => {
    host.Profiler = FakeProfiler;
  });

  it('samples every 10 ms and rolls windows: each ends after WINDOW_MS and the next begins at once', async () => {
    expect(startProfiling(handOver)).toBeDefined();
    expect(FakeProfiler.options[0]).toMatchObject({ sampleInterval: 10 });
    await vi.advanceTimersByTimeAsync(WINDOW_MS);
    expect(FakeProfiler.created).toHaveLength(2);
    expect(FakeProfiler.created[0]?.stopped).toBe(true);
    expect(handed).toHaveLength(1);
    expect(handed[0]).toMatchObject({ window: { reason: 'interval' } });
    expect((handed[0]?.window.end ?? 0) - (handed[0]?.window.start ?? 0)).toBeCloseTo(WINDOW_MS, -1);
  });

  it('ends a window whose buffer is full and goes on in a new one, losing nothing after it', async () => {
    startProfiling(handOver);
    FakeProfiler.created[0]?.dispatchEvent(new Event('samplebufferfull'));
    await vi.advanceTimersByTimeAsync(0);
    expect(handed.map(({ window }) => window.reason)).toEqual(['full']);
    expect(FakeProfiler.created).toHaveLength(2);
    expect(FakeProfiler.created[1]?.stopped).toBe(false);
  });

  it('stops while hidden, handing the window over, and starts again when shown', async () => {
    startProfiling(handOver);
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(0);
    expect(handed).toEqual([{ window: expect.objectContaining({ reason: 'hidden' }) }]);
    await vi.advanceTimersByTimeAsync(WINDOW_MS * 3);
    expect(FakeProfiler.created).toHaveLength(1);
    setVisibility('visible');
    expect(FakeProfiler.created).toHaveLength(2);
  });

  it('profiles at most MAX_WINDOWS windows per page view', async () => {
    startProfiling(handOver);
    await vi.advanceTimersByTimeAsync(WINDOW_MS * (MAX_WINDOWS + 5));
    expect(FakeProfiler.created).toHaveLength(MAX_WINDOWS);
    expect(handed).toHaveLength(MAX_WINDOWS);
  });

  it('ends a window SETTLE_MS after slow work, and SLOW_WINDOW_MS after the first while slow work goes on', async () => {
    const entries = fakePerformanceObserver(['longtask', 'event']);
    startProfiling(handOver);
    const longTask = () => entries.emit('longtask', [{ name: 'self', startTime: performance.now() - 60, duration: 60 }]);
    // A fast interaction is kept for attribution, but is no slow work.
    entries.emit('event', [{ name: 'click', startTime: 1, duration: 24, interactionId: 3 }]);
    await vi.advanceTimersByTimeAsync(SETTLE_MS * 2);
    expect(handed).toHaveLength(0);
    longTask();
    await vi.advanceTimersByTimeAsync(SETTLE_MS - 1);
    expect(handed).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(handed.map(({ window }) => [window.reason, window.entries.map((entry) => entry.type)])).toEqual([['settled', ['event', 'longtask']]]);
    // Slow work every SETTLE_MS / 2 for 3 s: a window ends SLOW_WINDOW_MS after its first.
    const from = performance.now();
    for (let elapsed = 0; elapsed < 3000; elapsed += SETTLE_MS / 2) {
      longTask();
      await vi.advanceTimersByTimeAsync(SETTLE_MS / 2);
    }
    expect(handed).toHaveLength(2);
    expect((handed[1]?.window.end ?? 0) - from).toBeCloseTo(SLOW_WINDOW_MS, -1);
  });

  it('hands the window over at the first sign of leaving, beforeunload or a navigation to another document, and starts the next LEAVING_PAUSE_MS later', async () => {
    const navigation = new EventTarget();
    vi.stubGlobal('navigation', navigation);
    startProfiling(handOver);
    const navigate = (sameDocument: boolean) => navigation.dispatchEvent(Object.assign(new Event('navigate'), { destination: { sameDocument } }));
    navigate(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(handed).toHaveLength(0);
    navigate(false);
    await vi.advanceTimersByTimeAsync(0);
    // A navigation's beforeunload after its navigate finds no window running: nothing more to hand over.
    dispatchEvent(new Event('beforeunload'));
    await vi.advanceTimersByTimeAsync(0);
    expect(handed.map(({ window }) => window.reason)).toEqual(['leaving']);
    await vi.advanceTimersByTimeAsync(LEAVING_PAUSE_MS - 1);
    expect(FakeProfiler.created).toHaveLength(1);
    // The page stayed (a download link, a navigation cancelled): profiled again.
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeProfiler.created).toHaveLength(2);
    dispatchEvent(new Event('beforeunload'));
    await vi.advanceTimersByTimeAsync(0);
    expect(handed.map(({ window }) => window.reason)).toEqual(['leaving', 'leaving']);
  });

  it('starts no window after leaving once the page is hidden', async () => {
    startProfiling(handOver);
    dispatchEvent(new Event('beforeunload'));
    setVisibility('hidden');
    await vi.advanceTimersByTimeAsync(LEAVING_PAUSE_MS * 2);
    expect(FakeProfiler.created).toHaveLength(1);
    expect(handed.map(({ window }) => window.reason)).toEqual(['leaving']);
  });

  it('stops for good on stop(), handing nothing over', async () => {
    const profiling = startProfiling(handOver);
    profiling?.stop();
    await vi.advanceTimersByTimeAsync(WINDOW_MS * 2);
    expect(FakeProfiler.created).toHaveLength(1);
    expect(FakeProfiler.created[0]?.stopped).toBe(true);
    expect(handed).toHaveLength(0);
    setVisibility('hidden');
    setVisibility('visible');
    expect(FakeProfiler.created).toHaveLength(1);
  });

  it('hands the current window over on flush', async () => {
    const profiling = startProfiling(handOver);
    await vi.advanceTimersByTimeAsync(SETTLE_MS);
    await profiling?.flush();
    expect(handed.map(({ window }) => window.reason)).toEqual(['flush']);
  });
});

describe('data-profile-rate', () => {
  it('reads data-profile-rate, and anything but a number in 0..1 means no profiling', () => {
    const script = document.createElement('script');
    script.setAttribute('data-site', 'shop');
    script.setAttribute('data-endpoint', '/v1/beacon');
    const rateOf = (value: string) => {
      script.setAttribute('data-profile-rate', value);
      return resolveOptions(readScriptOptions(script), 'https://shop.example/')?.profileRate;
    };
    expect(rateOf('0.25')).toBe(0.25);
    expect(rateOf('1')).toBe(1);
    expect(rateOf('2')).toBe(0);
    expect(rateOf('-1')).toBe(0);
    expect(rateOf('often')).toBe(0);
    expect(resolveOptions({ site: 'shop', endpoint: '/v1/beacon' }, 'https://shop.example/')?.profileRate).toBe(0);
  });
});
