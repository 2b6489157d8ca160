import { describe, expect, it } from 'vitest';
import { REFRESH_MS, refreshDelay } from '../../../src/dashboard/refreshDelay.js';

describe('refreshDelay', () => {
  it('refreshes every 5 s while the collector answers quickly', () => {
    expect(refreshDelay(0)).toBe(REFRESH_MS);
    expect(refreshDelay(300)).toBe(REFRESH_MS);
  });

  it('waits ten times as long as a slow refresh took, so one dashboard costs the collector a tenth of its time', () => {
    expect(refreshDelay(2_500)).toBe(25_000);
    expect(refreshDelay(601)).toBe(6_010);
  });
});
