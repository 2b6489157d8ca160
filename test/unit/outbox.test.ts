// idb checks `instanceof IDBRequest`: happy-dom has no IndexedDB classes, fake-indexeddb brings them.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { MAX_BATCH_FAILURES, MAX_OUTBOX_BATCHES, MAX_OUTBOX_SIZE, openOutbox } from '../../src/worker/outbox.js';

const scope = 'shop https://collector.example/v1/beacon';

/** A batch of `marks` marks, each with `detail` when given. */
const batch = (id: string, detail = '', marks = 1): Beacon => ({
  v: PROTOCOL_VERSION,
  id,
  site: 'shop',
  sentAt: 1,
  view: { id: 'view', session: 'session', url: 'https://shop.example/', startedAt: 1, sdk: '0.1.0' },
  events: Array.from({ length: marks }, () => ({ type: 'mark' as const, name: id, start: 1, ...(detail ? { detail } : {}) })),
});

// One contract, three outboxes: IndexedDB, no IndexedDB at all, and an IndexedDB that refuses to open.
const refusing = {
  open: () => {
    throw new DOMException('blocked', 'SecurityError');
  },
} as unknown as IDBFactory;
describe.each([
  ['IndexedDB', () => new IDBFactory()],
  ['memory (no IndexedDB)', () => undefined],
  ['memory (IndexedDB refuses)', () => refusing],
])('outbox in %s', (_name, factory) => {
  it('keeps batches oldest first until removed; adding an id again replaces it', async () => {
    const outbox = await openOutbox(factory(), scope);
    for (const id of ['a', 'b', 'c']) await outbox.add(batch(id));
    await outbox.add(batch('a'));
    await outbox.remove('b', false);
    expect((await outbox.list()).map((record) => record.id).sort()).toEqual(['a', 'c']);
  });

  it('counts a batch refused for good as dropped, with the drops it was to report', async () => {
    const outbox = await openOutbox(factory(), scope);
    await outbox.add({ ...batch('refused'), dropped: 2 });
    await outbox.remove('refused', true);
    expect((await outbox.add(batch('next'))).dropped).toBe(3);
  });

  it(`drops a batch once it failed ${MAX_BATCH_FAILURES} times while others were stored, not for failures of the collector's own`, async () => {
    const outbox = await openOutbox(factory(), scope);
    await outbox.add(batch('poison'));
    for (let i = 0; i < 20; i++) expect(await outbox.failed('poison', false)).toBe(false);
    for (let i = 1; i < MAX_BATCH_FAILURES; i++) expect(await outbox.failed('poison', true)).toBe(false);
    expect((await outbox.list())[0]).toMatchObject({ id: 'poison', attempts: 20 + MAX_BATCH_FAILURES - 1, failures: MAX_BATCH_FAILURES - 1 });
    expect(await outbox.failed('poison', true)).toBe(true);
    expect(await outbox.list()).toEqual([]);
    expect((await outbox.add(batch('next'))).dropped).toBe(1);
  });

  it('drops the oldest past the count bound and reports each drop once, in the batch written with it', async () => {
    const outbox = await openOutbox(factory(), scope);
    const admissions = [];
    for (let i = 0; i < MAX_OUTBOX_BATCHES + 3; i++) admissions.push(await outbox.add(batch(`b${i}`)));
    const records = await outbox.list();
    expect(records).toHaveLength(MAX_OUTBOX_BATCHES);
    expect(records[0]?.id).toBe('b3');
    expect(admissions.flatMap((admission) => admission.evicted)).toEqual(['b0', 'b1', 'b2']);
    expect(records.reduce((sum, record) => sum + (record.batch.dropped ?? 0), 0)).toBe(3);
    expect(admissions.at(-1)?.dropped).toBe(1);
  });

  it('drops the oldest past the size bound', async () => {
    const outbox = await openOutbox(factory(), scope);
    const detail = 'x'.repeat(2000);
    const perBatch = JSON.stringify(batch('s00', detail, 20)).length;
    const count = Math.ceil(MAX_OUTBOX_SIZE / perBatch) + 2;
    for (let i = 0; i < count; i++) await outbox.add(batch(`s${String(i).padStart(2, '0')}`, detail, 20));
    const records = await outbox.list();
    expect(count).toBeLessThan(MAX_OUTBOX_BATCHES);
    expect(records.reduce((sum, record) => sum + record.size, 0)).toBeLessThanOrEqual(MAX_OUTBOX_SIZE);
    expect(records.length).toBe(Math.floor(MAX_OUTBOX_SIZE / perBatch));
    expect(records.reduce((sum, record) => sum + (record.batch.dropped ?? 0), 0)).toBe(count - records.length);
  });

  it('keeps the drop count a stored batch carries when the same batch is added again without it', async () => {
    const outbox = await openOutbox(factory(), scope);
    await outbox.add(batch('bad'));
    await outbox.remove('bad', true);
    expect((await outbox.add(batch('carrier'))).dropped).toBe(1);
    expect((await outbox.add(batch('carrier'))).dropped).toBe(1);
    expect((await outbox.list()).map((record) => [record.id, record.batch.dropped])).toEqual([['carrier', 1]]);
  });

  it('counts a batch the collector refused as dropped, in the next batch', async () => {
    const outbox = await openOutbox(factory(), scope);
    await outbox.add(batch('bad'));
    await outbox.remove('bad', true);
    expect((await outbox.add(batch('next'))).dropped).toBe(1);
    expect((await outbox.add(batch('after'))).dropped).toBe(0);
  });
});

describe('outbox in IndexedDB', () => {
  it('survives being opened again (a reload, another tab), with its drop count', async () => {
    const factory = new IDBFactory();
    const first = await openOutbox(factory, scope);
    await first.add(batch('kept'));
    await first.add(batch('refused'));
    await first.remove('refused', true);
    const second = await openOutbox(factory, scope);
    expect((await second.list()).map((record) => record.id)).toEqual(['kept']);
    expect((await second.add(batch('next'))).dropped).toBe(1);
  });

  it('keeps the batches of another scope (site and endpoint) on the same origin apart, drop counts too', async () => {
    const factory = new IDBFactory();
    const shop = await openOutbox(factory, scope);
    const blog = await openOutbox(factory, 'blog https://other-collector.example/v1/beacon');
    await shop.add(batch('shop-batch'));
    await shop.add(batch('shop-refused'));
    await shop.remove('shop-refused', true);
    expect(await blog.list()).toEqual([]);
    expect((await blog.add(batch('blog-batch'))).dropped).toBe(0);
    expect((await shop.list()).map((record) => record.id)).toEqual(['shop-batch']);
  });
});
