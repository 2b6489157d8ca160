import { afterEach, describe, expect, it, vi } from 'vitest';
import { isSampled } from '../../src/sdk/isSampled.js';

afterEach(() => {
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe('isSampled', () => {
  it('decides once per session: the draw is kept in sessionStorage', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.3);
    expect(isSampled(0.5)).toBe(true);
    vi.spyOn(Math, 'random').mockReturnValue(0.9);
    expect(isSampled(0.5)).toBe(true);
    expect(isSampled(0.2)).toBe(false);
    expect(sessionStorage.getItem('pageprof.sample')).toBe('0.3');
  });

  it('measures everything at rate 1 and nothing at rate 0', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(isSampled(1)).toBe(true);
    expect(isSampled(0)).toBe(false);
  });

  it('draws for the page view alone when storage is blocked', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    vi.spyOn(Math, 'random').mockReturnValue(0.1);
    expect(isSampled(0.5)).toBe(true);
  });
});
