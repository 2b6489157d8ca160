type FetchLater = (url: string, init: RequestInit & { activateAfter?: number }) => { readonly activated: boolean };

/** A `fetchLater` request not yet sent can still be cancelled, to send a fuller one instead. */
export interface LaterRequest {
  id: string;
  sent(): boolean;
  cancel(): void;
}

/**
 * A hidden page that stays alive (a tab in the background) sends its deferred request after this
 * long; an unloading one sends it as the document goes, after every exit listener has run.
 */
const ACTIVATE_AFTER_MS = 1000;

const fetchLaterOf = () => (globalThis as { fetchLater?: FetchLater }).fetchLater;

/** Whether an exit request made now can still be revised (replaced by a fuller one) until the document goes. */
export const canRevise = (): boolean => typeof fetchLaterOf() === 'function';

/**
 * Sends batch `id`'s body as the page may be going away: with `fetchLater` where the browser has
 * it (Chromium 135+; 156 here sends a deferred gzip Blob as the document is destroyed, and not one
 * aborted before), so that the request can still be revised by later exit listeners; else, or when
 * it throws (an insecure context, its quota), with `sendBeacon`. True, or the revisable request,
 * when the browser took it; as with `sendBeacon`, that proves nothing about its arrival.
 */
export function sendAtPageExit(endpoint: string, id: string, body: Blob): LaterRequest | boolean {
  const fetchLater = fetchLaterOf();
  if (typeof fetchLater === 'function') {
    try {
      const controller = new AbortController();
      const request = fetchLater(endpoint, {
        method: 'POST',
        body,
        // A simple no-cors request, as sendBeacon's: no preflight, no answer read. The collector
        // recognises gzip by its magic bytes.
        mode: 'no-cors',
        headers: { 'content-type': 'text/plain' },
        signal: controller.signal,
        activateAfter: ACTIVATE_AFTER_MS,
      });
      return { id, sent: () => request.activated, cancel: () => controller.abort() };
    } catch {
      // Fall through to sendBeacon.
    }
  }
  return navigator.sendBeacon(endpoint, body);
}
