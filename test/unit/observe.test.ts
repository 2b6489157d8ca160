import { afterEach, describe, expect, it, vi } from 'vitest';
import { observe } from '../../src/sdk/observe.js';
import { fakePerformanceObserver } from './metrics/fakePerformanceObserver.js';

afterEach(() => vi.unstubAllGlobals());

describe('observe: the one feature-detection point', () => {
  it('returns undefined when PerformanceObserver is missing', () => {
    vi.stubGlobal('PerformanceObserver', undefined);
    expect(observe('longtask', () => undefined)).toBeUndefined();
  });

  it('returns undefined when the type is not supported, or supportedEntryTypes throws', () => {
    fakePerformanceObserver(['resource']);
    expect(observe('longtask', () => undefined)).toBeUndefined();
    vi.stubGlobal(
      'PerformanceObserver',
      // biome-ignore lint/complexity/noStaticOnlyClass: stands in for PerformanceObserver, a constructor whose static getter throws
      class {
        static get supportedEntryTypes(): string[] {
          throw new Error('nope');
        }
      },
    );
    expect(observe('longtask', () => undefined)).toBeUndefined();
  });

  it('returns undefined when observe() throws', () => {
    fakePerformanceObserver(['longtask'], ['longtask']);
    expect(observe('longtask', () => undefined)).toBeUndefined();
  });

  it('keeps a throwing callback from reaching the page', () => {
    const fake = fakePerformanceObserver(['longtask']);
    const callback = vi.fn(() => {
      throw new Error('mapping bug');
    });
    expect(observe('longtask', callback)).toBeDefined();
    expect(() => fake.emit('longtask', [{}])).not.toThrow();
    expect(callback).toHaveBeenCalledOnce();
  });
});
