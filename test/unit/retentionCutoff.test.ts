import { describe, expect, it } from 'vitest';
import { retentionCutoff } from '../../src/collector/storage/startRetention.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('retentionCutoff', () => {
  it('is the start of the hour that holds `days` ago, so that hourly sums go whole', () => {
    const now = Date.UTC(2026, 10, 26, 14, 37, 12, 345);
    expect(retentionCutoff(now, 30)).toBe(Date.UTC(2026, 9, 27, 14));
    expect(retentionCutoff(now, 0.5)).toBe(Date.UTC(2026, 10, 26, 2));
    expect(retentionCutoff(Date.UTC(2026, 10, 26, 14), 1)).toBe(Date.UTC(2026, 10, 25, 14));
    expect(now - 30 * DAY - retentionCutoff(now, 30)).toBeLessThan(HOUR);
  });
});
