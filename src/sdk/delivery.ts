import type { Beacon } from '../protocol/beacon.js';
import { MAX_BEACON_BYTES } from '../protocol/limits.js';

/** The part of the worker the page needs to hand batches over. */
export interface Outbox {
  enqueue(batch: Beacon): Promise<void>;
}

const RETRY_MS = 5000;

/**
 * The page's copy of every batch the collector has not acknowledged yet. Normally the worker's
 * IndexedDB outbox uploads them; the page keeps its copy because a worker cannot send reliably at
 * page exit (browser-notes: 27–35 of 35), so the page beacons what is unacknowledged itself. The
 * collector stores a batch id once, so a batch sent both ways is counted once.
 * Without a worker (no `Worker`, a CSP refusing it) the page uploads with `fetch` itself.
 */
export function createDelivery(endpoint: string) {
  const unacknowledged = new Map<string, string>();
  const beaconed = new Set<string>();
  let outbox: Outbox | undefined;

  function deliver(batch: Beacon): void {
    const body = JSON.stringify(batch);
    unacknowledged.set(batch.id, body);
    if (outbox) {
      outbox.enqueue(batch).catch(() => sendDirect(batch.id));
    } else {
      sendDirect(batch.id);
    }
  }

  function sendDirect(id: string): void {
    const body = unacknowledged.get(id);
    if (body === undefined) return;
    fetch(endpoint, { method: 'POST', body, headers: { 'content-type': 'text/plain' }, keepalive: body.length < MAX_BEACON_BYTES / 2 })
      .then((response) => {
        // A 4xx other than 429 will not get better by retrying: the batch is given up.
        if (response.ok || (response.status >= 400 && response.status < 500 && response.status !== 429)) {
          acknowledge([id]);
        } else {
          setTimeout(() => sendDirect(id), RETRY_MS);
        }
      })
      .catch(() => setTimeout(() => sendDirect(id), RETRY_MS));
  }

  function acknowledge(ids: string[]): void {
    for (const id of ids) {
      unacknowledged.delete(id);
      beaconed.delete(id);
    }
  }

  /** Page exit: beacon every unacknowledged batch that fits the browser's keepalive budget. */
  function sendAtExit(): void {
    let budget = MAX_BEACON_BYTES;
    for (const [id, body] of unacknowledged) {
      if (beaconed.has(id)) continue;
      const size = new Blob([body]).size;
      if (size > budget) continue;
      if (navigator.sendBeacon(endpoint, body)) {
        budget -= size;
        beaconed.add(id);
      }
    }
  }

  /** Hands batches to the worker from now on; `undefined` falls back to the page sending them. */
  function useOutbox(next: Outbox | undefined): void {
    outbox = next;
    if (!next) for (const id of unacknowledged.keys()) sendDirect(id);
  }

  return { deliver, acknowledge, sendAtExit, useOutbox, pending: () => unacknowledged.size };
}
