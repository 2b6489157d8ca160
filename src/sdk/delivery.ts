import type { Beacon } from '../protocol/beacon.js';
import { beaconJson } from '../protocol/beaconJson.js';
import type { WorkerApi } from '../protocol/workerApi.js';
import { MAX_BEACON_BYTES, MAX_EVENTS_PER_BEACON, MAX_KNOWN_IDS } from '../protocol/limits.js';
import { uploadOutcome } from '../protocol/uploadOutcome.js';
import type { FlushReason } from './batcher.js';
import { retryDelay } from '../protocol/retryDelay.js';
import { gzipNow } from './gzipNow.js';
import { canRevise, sendAtPageExit, type LaterRequest } from './sendAtPageExit.js';

/** The part of the worker the page needs to hand batches over. */
export type Outbox = Pick<WorkerApi, 'enqueue' | 'flush'>;

/** localStorage is small (5 MB per origin) and shared with the site: stash at most this much. */
const MAX_STASH_CHARS = 256 * 1024;

/**
 * The page's copy of every batch the collector has not acknowledged yet. Normally the worker's
 * IndexedDB outbox uploads them; the page keeps its copy because a worker cannot send reliably at
 * page exit (browser-notes: 27–35 of 35), so the page beacons what is unacknowledged itself. The
 * collector stores a batch id once, so a batch sent both ways is counted once.
 *
 * `sendBeacon` returning true proves nothing (offline it sends nothing and retries nothing), and
 * a batch cut at exit may never reach the worker's outbox before the page is gone: at exit every
 * batch not yet durable in the outbox is also written to localStorage (synchronous, so it survives
 * the unload) and the next page view of the site delivers it.
 *
 * Until the worker has started, batches wait here; without a worker (no `Worker`, a CSP refusing
 * it) the page uploads with `fetch` itself. Stashes are kept per `scope` (WorkerConfig): the next
 * page view takes only those of its own site and endpoint.
 */
export function createDelivery(endpoint: string, scope: string, viewId: string) {
  const stashPrefix = `pageprof.stash ${scope} `;
  const unacknowledged = new Map<string, Beacon>();
  const durable = new Set<string>();
  const beaconed = new Set<string>();
  /** Batches handed to the worker's outbox: a copy there can no longer be revised. */
  const handed = new Set<string>();
  let outbox: Outbox | 'starting' | 'direct' = 'starting';
  /** Batches the collector refused for good when the page sent them itself, to report in the next batch (the worker's outbox counts its own). */
  let refused = 0;
  let stashed = false;
  /** The last exit batch handed to `fetchLater`, while it may still be revised. */
  let later: LaterRequest | undefined;
  /**
   * An exit request a fuller one replaces: cancelled once that one is in the browser's hands, not
   * before. A page closed on a slow phone can stop its script between the two (Chromium 156: three
   * page views in eight lost whole so, cancelled first).
   */
  let superseded: LaterRequest | undefined;
  /**
   * From `pagehide` on, the page is going: its exit batches stay out of the worker (which cannot
   * send them reliably now) wherever the exit request can still be revised, so that the batches
   * after it (web-vitals' CLS, a profile window) join that one request. The stash keeps them. A
   * bfcache restore hands them to the worker after all.
   */
  let leaving = false;
  addEventListener('pagehide', () => void (leaving = true), { capture: true });
  addEventListener(
    'pageshow',
    () => {
      if (!leaving) return;
      leaving = false;
      for (const batch of unacknowledged.values()) if (!handed.has(batch.id)) send(batch);
    },
    { capture: true },
  );

  function deliver(batch: Beacon, reason?: FlushReason): void {
    if (refused) batch = { ...batch, dropped: (batch.dropped ?? 0) + refused };
    refused = 0;
    if (reason === 'exit') batch = joinLaterRequest(batch);
    unacknowledged.set(batch.id, batch);
    // Without a worker, a batch cut at exit goes out with the exit beacons: a keepalive fetch of
    // it as well would spend the 64 KiB budget twice and crowd other batches out.
    if (reason !== 'exit' || (outbox !== 'direct' && !(leaving && canRevise()))) send(batch);
    if (reason === 'exit') sendAtExit();
  }

  function send(batch: Beacon): void {
    if (outbox === 'starting') return;
    if (outbox === 'direct') {
      sendDirect(batch.id);
      return;
    }
    handed.add(batch.id);
    outbox.enqueue(batch).then(
      (enqueued) => {
        if (!unacknowledged.has(batch.id)) return;
        if (enqueued.dropped) unacknowledged.set(batch.id, { ...batch, dropped: enqueued.dropped });
        if (enqueued.durable) durable.add(batch.id);
      },
      () => sendDirect(batch.id),
    );
  }

  function sendDirect(id: string, attempt = 0): void {
    const batch = unacknowledged.get(id);
    if (!batch) return;
    // Offline, fetch fails within ~30 ms every time: wait for the network instead.
    if (!navigator.onLine) return void addEventListener('online', () => sendDirect(id), { once: true });
    // Backoff with jitter, or later still when the collector asked for it with Retry-After.
    const retry = (afterMs = 0) => setTimeout(() => sendDirect(id, attempt + 1), Math.max(afterMs, retryDelay(attempt)));
    const body = beaconJson(batch);
    fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, keepalive: body.length < MAX_BEACON_BYTES / 4 })
      .then((response) => {
        const outcome = uploadOutcome(response);
        // Refused for good (a 4xx other than 408/429) is given up, counted as dropped with the drops it carried.
        if (outcome.kind === 'retry') return retry(outcome.afterMs);
        if (outcome.kind === 'rejected') refused += 1 + (batch.dropped ?? 0);
        acknowledge([id]);
      })
      .catch(() => retry());
  }

  /**
   * On unload `pagehide` comes first, and web-vitals reports CLS at the `visibilitychange` after
   * it: a second exit request. While the first is a `fetchLater` not yet sent, the later batch
   * joins it instead (one request per page exit), the batch re-sent whole under the first's id.
   * Only while no worker holds the first: its outbox would keep the shorter copy.
   */
  function joinLaterRequest(batch: Beacon): Beacon {
    const open = later && !later.sent() && !handed.has(later.id) ? unacknowledged.get(later.id) : undefined;
    if (!open || open.view !== batch.view || open.events.length + batch.events.length > MAX_EVENTS_PER_BEACON) return batch;
    superseded = later;
    later = undefined;
    beaconed.delete(open.id);
    return { ...open, events: [...open.events, ...batch.events] };
  }

  function acknowledge(ids: string[]): void {
    for (const id of ids) {
      unacknowledged.delete(id);
      durable.delete(id);
      beaconed.delete(id);
      handed.delete(id);
    }
  }

  /** Page exit: beacon every unacknowledged batch that fits the keepalive budget; stash what is not durable. */
  function sendAtExit(): void {
    writeStash([...unacknowledged.values()].filter((batch) => !durable.has(batch.id)));
    // Offline (`onLine` false is reliable, true is not), a beacon is dropped: the stash and the outbox carry it.
    if (!navigator.onLine) return;
    let budget = MAX_BEACON_BYTES;
    for (const [id, batch] of unacknowledged) {
      if (beaconed.has(id)) continue;
      // Gzipped here and now: most of a short view's bytes are events that only exist at exit.
      const body = new Blob([gzipNow(beaconJson(batch))]);
      const size = body.size;
      const sent = size <= budget && sendAtPageExit(endpoint, id, body);
      if (!sent) continue;
      budget -= size;
      beaconed.add(id);
      if (typeof sent === 'object') later = sent;
      if (superseded?.id === id) {
        superseded.cancel();
        superseded = undefined;
      }
    }
  }

  /**
   * Replaces this view's stash with `batches`, oldest first, as many as fit `MAX_STASH_CHARS`.
   * Storage is not touched while there is nothing to stash or remove (before consent, say).
   */
  function writeStash(batches: Beacon[]): void {
    let text = '';
    for (const batch of batches) {
      const next = `${text && `${text},`}${JSON.stringify(batch)}`;
      if (next.length > MAX_STASH_CHARS) break;
      text = next;
    }
    try {
      if (text) localStorage.setItem(stashPrefix + viewId, `[${text}]`);
      else if (stashed) localStorage.removeItem(stashPrefix + viewId);
      stashed = text !== '';
    } catch {
      // Storage blocked or full: the exit beacons are all there is.
    }
  }

  /**
   * Takes the batches earlier page views stashed at exit and delivers, with this view's, those the
   * collector does not have: `known` asks it (their exit requests may well have arrived, but no
   * page could read the answer), and where it cannot tell, every one is sent again (the collector
   * stores a batch id once). A stash is removed only once the answer is in.
   */
  async function takeStash(known: (ids: string[]) => Promise<string[]>): Promise<void> {
    const taken: [string, Beacon[]][] = [];
    try {
      for (const key of Object.keys(localStorage)) {
        if (key.startsWith(stashPrefix) && key !== stashPrefix + viewId) taken.push([key, JSON.parse(localStorage.getItem(key) ?? '[]') as Beacon[]]);
      }
    } catch {
      // Storage blocked, or a stash that is not ours: nothing to take.
      return;
    }
    const batches = taken.flatMap(([, stash]) => stash);
    const stored = new Set(batches.length > 0 ? await known(batches.slice(0, MAX_KNOWN_IDS).map((batch) => batch.id)) : []);
    try {
      for (const [key] of taken) localStorage.removeItem(key);
    } catch {
      // Blocked since: the next view asks again.
    }
    for (const batch of batches) if (!stored.has(batch.id)) deliver(batch);
  }

  /** Hands batches to the started worker, or (`undefined`) has the page send them itself. */
  function useOutbox(next: Outbox | undefined): void {
    outbox = next ?? 'direct';
    for (const batch of unacknowledged.values()) send(batch);
  }

  /** Waits until the outbox holds every batch so far and has tried to upload them. */
  async function flush(): Promise<void> {
    if (typeof outbox === 'object') await outbox.flush();
  }

  return { deliver, acknowledge, sendAtExit, takeStash, useOutbox, flush };
}
