import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../../src/sdk/randomId.js';

describe('randomId', () => {
  afterEach(() => vi.useRealTimers());

  it('is a UUIDv7: its first 48 bits are the time in milliseconds', () => {
    vi.useFakeTimers({ now: 0x0193_5e2a_1b2c, toFake: ['Date'] });
    const id = randomId();
    expect(id).toMatch(/^01935e2a-1b2c-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time across milliseconds, and never repeats', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    const ids: string[] = [];
    for (let step = 0; step < 50; step++) {
      ids.push(randomId(), randomId());
      vi.setSystemTime(Date.now() + 1);
    }
    const firstOfEachMs = ids.filter((_, index) => index % 2 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('still starts with the time where crypto.randomUUID is missing (insecure contexts)', () => {
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['Date'] });
    vi.stubGlobal('crypto', {});
    try {
      const id = randomId();
      expect(id.startsWith((1_700_000_000_000).toString(16).padStart(12, '0'))).toBe(true);
      expect(id).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
