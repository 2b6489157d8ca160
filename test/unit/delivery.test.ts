import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import { MAX_BEACON_BYTES, PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { createDelivery, type Outbox } from '../../src/sdk/delivery.js';

const endpoint = 'https://collector.example/v1/beacon';
const scope = `shop ${endpoint}`;
const stashOf = (viewId: string) => JSON.parse(localStorage.getItem(`pageprof.stash ${scope} ${viewId}`) ?? '[]') as Beacon[];
const batch = (id: string, detail = ''): Beacon => ({
  v: PROTOCOL_VERSION,
  id,
  site: 'shop',
  sentAt: 1,
  view: { id: 'view', session: 'session', url: 'https://shop.example/', startedAt: 1, sdk: '0.1.0' },
  events: [{ type: 'mark', name: id, start: 1, ...(detail ? { detail } : {}) }],
});

/** An outbox that makes a batch durable (resolves `enqueue`) only when its id is in `durable`. */
function fakeOutbox(durable: string[], dropped = 0) {
  const enqueued: string[] = [];
  const outbox: Outbox = {
    enqueue: (sent) => {
      enqueued.push(sent.id);
      return durable.includes(sent.id) ? Promise.resolve({ dropped, durable: true }) : new Promise(() => {});
    },
    flush: () => Promise.resolve(),
  };
  return { outbox, enqueued };
}

/** The exit beacons' bodies as sent: gzip Blobs. */
let bodies: Blob[];
/** The exit beacons sent so far, decoded as the collector decodes them. */
const beaconEvents = (bytes: ArrayBuffer) => (JSON.parse(gunzipSync(Buffer.from(bytes)).toString()) as Beacon).events.map((event) => event.name);
const beacons = () => Promise.all(bodies.map(async (body) => JSON.parse(gunzipSync(Buffer.from(await body.arrayBuffer())).toString()) as Beacon));
beforeEach(() => {
  localStorage.clear();
  bodies = [];
  navigator.sendBeacon = (_url: string | URL, body?: BodyInit | null) => {
    bodies.push(body as Blob);
    return true;
  };
});
afterEach(() => vi.restoreAllMocks());

/** A page view whose outbox made one batch durable and not yet the other, at its exit. */
async function exitWithOneDurable(viewId: string) {
  const delivery = createDelivery(endpoint, scope, viewId);
  delivery.useOutbox(fakeOutbox(['durable']).outbox);
  delivery.deliver(batch('durable'));
  delivery.deliver(batch('in-flight'));
  await Promise.resolve();
  delivery.sendAtExit();
}

describe('page-side delivery', () => {
  it('offline at exit sends no beacon (it would be dropped) and stashes what is not durable', async () => {
    vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    await exitWithOneDurable('view-offline');
    expect(await beacons()).toEqual([]);
    expect(stashOf('view-offline')).toEqual([batch('in-flight')]);
  });

  it('at exit stashes what the outbox has not made durable; the next page view takes it, once', async () => {
    await exitWithOneDurable('view-1');
    expect((await beacons()).map((sent) => sent.id)).toEqual(['durable', 'in-flight']);
    expect(stashOf('view-1')).toEqual([batch('in-flight')]);

    const next = createDelivery(endpoint, scope, 'view-2');
    // The collector cannot tell (down, offline): every stashed batch is sent again.
    await next.takeStash(async () => []);
    const { outbox, enqueued } = fakeOutbox([]);
    next.useOutbox(outbox);
    expect(enqueued).toEqual(['in-flight']);
    expect(Object.keys(localStorage)).toEqual([]);
    await createDelivery(endpoint, scope, 'view-3').takeStash(async () => []);
    expect(enqueued).toEqual(['in-flight']);
  });

  it('the next page view asks which stashed batches the collector has and sends only the others; the stash stays until the answer is in', async () => {
    const previous = createDelivery(endpoint, scope, 'view-1');
    previous.deliver(batch('arrived'), 'exit');
    previous.deliver(batch('lost'), 'exit');
    expect(stashOf('view-1').map((stashed) => stashed.id)).toEqual(['arrived', 'lost']);

    const next = createDelivery(endpoint, scope, 'view-2');
    const { outbox, enqueued } = fakeOutbox([]);
    next.useOutbox(outbox);
    const asked: string[][] = [];
    let answer: (known: string[]) => void = () => undefined;
    const taking = next.takeStash((ids) => {
      asked.push(ids);
      return new Promise((resolve) => (answer = resolve));
    });
    await Promise.resolve();
    expect(asked).toEqual([['arrived', 'lost']]);
    expect(stashOf('view-1')).toHaveLength(2);
    answer(['arrived']);
    await taking;
    expect(enqueued).toEqual(['lost']);
    expect(Object.keys(localStorage)).toEqual([]);
  });

  it("leaves the stash of another site or endpoint on the origin to that configuration's next page view", async () => {
    await exitWithOneDurable('view-1');
    for (const other of [`blog ${endpoint}`, 'shop https://other-collector.example/v1/beacon']) {
      const next = createDelivery(other.split(' ')[1] ?? '', other, 'view-2');
      await next.takeStash(async () => []);
      const { outbox, enqueued } = fakeOutbox([]);
      next.useOutbox(outbox);
      expect(enqueued).toEqual([]);
    }
    expect(stashOf('view-1')).toEqual([batch('in-flight')]);
  });

  it('beacons at exit only what fits the 64 KiB keepalive budget, each batch once', async () => {
    const delivery = createDelivery(endpoint, scope, 'view');
    delivery.useOutbox(fakeOutbox([]).outbox);
    // Incompressible, so that gzip leaves each batch about as large as its JSON.
    let seed = 1;
    const detail = Array.from({ length: 30_000 }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 36)
      .map((digit) => digit.toString(36))
      .join('');
    for (const id of ['a', 'b', 'c']) delivery.deliver(batch(id, detail));
    delivery.sendAtExit();
    expect((await beacons()).map((sent) => sent.id)).toEqual(['a', 'b']);
    expect((await beacons()).reduce((sum, sent) => sum + JSON.stringify(sent).length, 0)).toBeLessThanOrEqual(MAX_BEACON_BYTES);
    // A later exit event (the tab hidden again) beacons the rest; the browser itself refuses what
    // would exceed the budget while earlier beacons are still in flight.
    delivery.sendAtExit();
    expect((await beacons()).map((sent) => sent.id)).toEqual(['a', 'b', 'c']);
  });

  it('forgets settled batches, and carries the drop count the outbox attached', async () => {
    const delivery = createDelivery(endpoint, scope, 'view');
    delivery.useOutbox(fakeOutbox(['a', 'b'], 2).outbox);
    delivery.deliver(batch('a'));
    delivery.deliver(batch('b'));
    await Promise.resolve();
    delivery.acknowledge(['a']);
    delivery.sendAtExit();
    expect((await beacons()).map((sent) => [sent.id, sent.dropped])).toEqual([['b', 2]]);
  });

  it('keeps its copy past exit when the outbox is memory only (no IndexedDB)', async () => {
    const delivery = createDelivery(endpoint, scope, 'view');
    delivery.useOutbox({ enqueue: async () => ({ dropped: 0, durable: false }), flush: async () => {} });
    delivery.deliver(batch('a'));
    await Promise.resolve();
    delivery.sendAtExit();
    expect(stashOf('view')).toEqual([batch('a')]);
  });

  it('without a worker, counts a batch the collector refused for good (4xx) in the next batch it sends', async () => {
    const bodies: Beacon[] = [];
    const answers = [400, 200, 200];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      bodies.push(JSON.parse(String(init.body)) as Beacon);
      return new Response('{}', { status: answers.shift() ?? 200 });
    });
    try {
      const delivery = createDelivery(endpoint, scope, 'view');
      delivery.useOutbox(undefined);
      delivery.deliver({ ...batch('refused'), dropped: 2 });
      await vi.waitFor(() => expect(bodies).toHaveLength(1));
      await Promise.resolve();
      delivery.deliver(batch('next'));
      delivery.deliver(batch('after'));
      await vi.waitFor(() => expect(bodies).toHaveLength(3));
      expect(bodies.map((sent) => [sent.id, sent.dropped])).toEqual([
        ['refused', 2],
        ['next', 3],
        ['after', undefined],
      ]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('survives blocked storage and a refused sendBeacon at exit', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('quota', 'QuotaExceededError');
    });
    navigator.sendBeacon = () => false;
    const delivery = createDelivery(endpoint, scope, 'view');
    delivery.deliver(batch('a'));
    expect(() => delivery.sendAtExit()).not.toThrow();
    expect(() => delivery.sendAtExit()).not.toThrow();
  });

  it('a later exit batch joins the deferred request: the fuller one is made before the first is cancelled, so that the page is never without one', async () => {
    // What the browser holds at each step: a page stopped between cancelling and sending anew lost its whole view.
    const live = new Map<number, string[]>();
    const heldAfterEachStep: number[] = [];
    let made = 0;
    vi.stubGlobal('fetchLater', (_url: string, init: RequestInit) => {
      const request = made++;
      init.signal?.addEventListener('abort', () => {
        live.delete(request);
        heldAfterEachStep.push(live.size);
      });
      void (init.body as Blob).arrayBuffer().then((bytes) => live.has(request) && live.set(request, beaconEvents(bytes)));
      live.set(request, []);
      heldAfterEachStep.push(live.size);
      return { activated: false };
    });
    try {
      const delivery = createDelivery(endpoint, scope, 'view');
      // One page view's batches, as the batcher cuts them: the same view.
      const first = batch('pagehide');
      delivery.deliver(first, 'exit');
      delivery.deliver({ ...batch('hidden'), view: first.view }, 'exit');
      delivery.deliver({ ...batch('web-vitals'), view: first.view }, 'exit');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(heldAfterEachStep).toEqual([1, 2, 1, 2, 1]);
      expect([...live.values()]).toEqual([['pagehide', 'hidden', 'web-vitals']]);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('after pagehide, keeps exit batches out of the worker where fetchLater can revise them: the batches after join the one request, a bfcache restore hands them over', async () => {
    const sent: string[][] = [];
    const aborted = new Set<number>();
    vi.stubGlobal('fetchLater', (_url: string, init: RequestInit) => {
      const index = sent.push([]) - 1;
      void (init.body as Blob).arrayBuffer().then((bytes) => (sent[index] = beaconEvents(bytes)));
      init.signal?.addEventListener('abort', () => aborted.add(index));
      return { activated: false };
    });
    try {
      const { outbox, enqueued } = fakeOutbox([]);
      const delivery = createDelivery(endpoint, scope, 'view');
      delivery.useOutbox(outbox);
      delivery.deliver(batch('during the view'));
      dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true }));
      const first = batch('pagehide');
      delivery.deliver(first, 'exit');
      delivery.deliver({ ...batch('web-vitals CLS'), view: first.view }, 'exit');
      delivery.deliver({ ...batch('profile window'), view: first.view }, 'exit');
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(enqueued).toEqual(['during the view']);
      expect(sent.filter((_, index) => !aborted.has(index))).toEqual([['during the view'], ['pagehide', 'web-vitals CLS', 'profile window']]);
      // What went at exit is still the stash's, until the worker's outbox has it.
      expect(stashOf('view').map((stashed) => stashed.id)).toEqual(['during the view', 'pagehide']);
      dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      expect(enqueued).toEqual(['during the view', 'pagehide']);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
