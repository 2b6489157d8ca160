import { describe, expect, it, vi } from 'vitest';
import { randomId } from '../../src/sdk/randomId.js';

/** The page's epoch clock (its time origin plus performance.now()), set by each test. */
const clock = vi.hoisted(() => ({ now: 0 }));
vi.mock('../../src/protocol/epochNow.js', () => ({ epochNow: () => clock.now }));

describe('randomId', () => {
  it('is a UUIDv7: its first 48 bits are the time in milliseconds', () => {
    clock.now = 0x0193_5e2a_1b2c;
    const id = randomId();
    expect(id).toMatch(/^01935e2a-1b2c-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('sorts by creation time across milliseconds, and never repeats', () => {
    clock.now = 1_700_000_000_000;
    const ids: string[] = [];
    for (let step = 0; step < 50; step++) {
      ids.push(randomId(), randomId());
      clock.now++;
    }
    const firstOfEachMs = ids.filter((_, index) => index % 2 === 0);
    expect([...firstOfEachMs].sort()).toEqual(firstOfEachMs);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('still starts with the time where crypto.randomUUID is missing (insecure contexts)', () => {
    clock.now = 1_700_000_000_000;
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
