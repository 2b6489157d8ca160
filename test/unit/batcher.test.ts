import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beacon, ViewContext } from '../../src/protocol/beacon.js';
import { MAX_EVENTS_PER_BEACON, PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { BATCH_MAX_CHARS, BATCH_WAIT_MS, createBatcher } from '../../src/sdk/batcher.js';

const view: ViewContext = { id: 'view-1', session: 'session-1', url: 'https://shop.example/cart', startedAt: 1_700_000_000_000, sdk: '0.1.0' };
let delivered: Beacon[];

beforeEach(() => {
  vi.useFakeTimers();
  delivered = [];
});
afterEach(() => vi.useRealTimers());

const mark = (name: string) => ({ type: 'mark' as const, name, start: 1 });

describe('batch building', () => {
  it('cuts a versioned beacon with a fresh id, the site, key and view on demand', () => {
    const batcher = createBatcher({ site: 'shop', key: 'pk' }, view, (batch) => delivered.push(batch));
    batcher.add(mark('a'));
    batcher.add(mark('b'));
    batcher.cut();
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ v: PROTOCOL_VERSION, site: 'shop', key: 'pk', view, events: [mark('a'), mark('b')] });
    expect(delivered[0]?.id).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  });

  it('never cuts an empty beacon, and gives every beacon its own id', () => {
    const batcher = createBatcher({ site: 'shop' }, view, (batch) => delivered.push(batch));
    batcher.cut();
    batcher.add(mark('a'));
    batcher.cut();
    batcher.add(mark('b'));
    batcher.cut();
    expect(delivered.map((batch) => batch.events.length)).toEqual([1, 1]);
    expect(new Set(delivered.map((batch) => batch.id)).size).toBe(2);
  });

  it('cuts at idle time once the oldest event has waited long enough', () => {
    const batcher = createBatcher({ site: 'shop' }, view, (batch) => delivered.push(batch));
    batcher.add(mark('a'));
    vi.advanceTimersByTime(BATCH_WAIT_MS - 1);
    batcher.add(mark('b'));
    expect(delivered).toHaveLength(0);
    vi.advanceTimersByTime(1200);
    expect(delivered).toHaveLength(1);
    expect(delivered[0]?.events.map((event) => event.name)).toEqual(['a', 'b']);
  });

  it('cuts as soon as a beacon is full, so none exceeds the protocol limit', () => {
    const batcher = createBatcher({ site: 'shop' }, view, (batch) => delivered.push(batch));
    for (let i = 0; i < MAX_EVENTS_PER_BEACON * 2 + 3; i++) batcher.add(mark(`m${i}`));
    batcher.cut();
    expect(delivered.flatMap((batch) => batch.events)).toHaveLength(MAX_EVENTS_PER_BEACON * 2 + 3);
    for (const batch of delivered) expect(batch.events.length).toBeLessThanOrEqual(MAX_EVENTS_PER_BEACON);
  });

  it('cuts by size before a beacon could outgrow the keepalive budget', () => {
    const batcher = createBatcher({ site: 'shop' }, view, (batch) => delivered.push(batch));
    const detail = 'x'.repeat(2000);
    for (let i = 0; i < 20; i++) batcher.add({ ...mark(`big${i}`), detail });
    batcher.cut();
    const sizes = delivered.map((batch) => JSON.stringify(batch.events).length);
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThan(BATCH_MAX_CHARS + detail.length + 100);
  });
});
