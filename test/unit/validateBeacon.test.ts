import { describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import { MAX_EVENTS_PER_BEACON, MAX_NAME, PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { validateBeacon } from '../../src/collector/ingest/validateBeacon.js';

const valid = (): Beacon => ({
  v: PROTOCOL_VERSION,
  id: 'batch-1',
  site: 'demo',
  sentAt: 1_700_000_000_000,
  view: { id: 'view-1', session: 'session-1', url: 'https://shop.example/', startedAt: 1_700_000_000_000, sdk: '0.1.0' },
  events: [
    { type: 'mark', name: 'app-start', start: 12.5, detail: '{"a":1}' },
    { type: 'measure', name: 'load products', start: 20, duration: 120.5 },
  ],
});

const reasonFor = (beacon: unknown) => {
  const result = validateBeacon(JSON.stringify(beacon));
  expect(result.ok).toBe(false);
  return result.ok ? '' : result.reason;
};

describe('the beacon schema check', () => {
  it('accepts a well-formed beacon', () => {
    expect(validateBeacon(JSON.stringify(valid()))).toEqual({ ok: true, beacon: valid() });
  });

  it('refuses what is not JSON, saying so', () => {
    for (const body of ['', '{', '{"v":1,', 'null x', '\u0000']) {
      const result = validateBeacon(body);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/not JSON/);
    }
  });

  it('names the offending field', () => {
    expect(reasonFor({ ...valid(), v: PROTOCOL_VERSION + 1 })).toMatch(/^\/v /);
    expect(reasonFor({ ...valid(), site: 'Has Spaces' })).toMatch(/^\/site /);
    expect(reasonFor({ ...valid(), id: '' })).toMatch(/^\/id /);
    expect(reasonFor({ ...valid(), view: { ...valid().view, startedAt: 'yesterday' } })).toMatch(/^\/view\/startedAt /);
    const events = valid().events;
    expect(reasonFor({ ...valid(), events: [{ ...events[1], duration: -5 }] })).toMatch(/^\/events\/0/);
    expect(reasonFor({ ...valid(), events: [{ type: 'mark', name: 'x'.repeat(MAX_NAME + 1), start: 1 }] })).toMatch(/^\/events\/0/);
    expect(reasonFor({ ...valid(), extra: true })).toMatch(/additional properties 'extra'/);
  });

  it('refuses unknown event types, missing fields and too many events', () => {
    expect(reasonFor({ ...valid(), events: [{ type: 'keylogger', name: 'x', start: 0 }] })).toMatch(/^\/events\/0/);
    const { view: _view, ...withoutView } = valid();
    expect(reasonFor(withoutView)).toMatch(/view/);
    const many = Array.from({ length: MAX_EVENTS_PER_BEACON + 1 }, (_, i) => ({ type: 'mark', name: `m${i}`, start: i }));
    expect(reasonFor({ ...valid(), events: many })).toMatch(/^\/events /);
  });
});
