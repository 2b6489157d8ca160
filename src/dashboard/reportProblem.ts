import { Unauthorized, Unreachable } from './createApi.js';

const byId = (id: string) => document.getElementById(id);

function setStatus(text: string, error: boolean): void {
  const status = byId('status');
  if (!status) return;
  status.textContent = text;
  status.className = error ? 'error' : '';
}

function showBanner(text: string | undefined): void {
  const banner = byId('banner');
  if (!banner) return;
  banner.hidden = text === undefined;
  banner.textContent = text ?? '';
}

let lastRefreshed: string | undefined;

/** A refresh that worked: the status (a live region) says when, and a problem's banner goes away. */
export function reportRefreshed(): void {
  lastRefreshed = new Date().toLocaleTimeString();
  setStatus(`refreshed ${lastRefreshed}`, false);
  showBanner(undefined);
}

/**
 * Says what went wrong, never leaving "loading…": a missing or refused token opens the token form
 * with the reason (and returns true: the page stops refreshing until a token is given); an
 * unreachable collector or an error answer shows a banner while the page keeps retrying.
 */
export function reportProblem(error: unknown, site: string): boolean {
  if (error instanceof Unauthorized) {
    const form = byId('auth');
    if (form instanceof HTMLFormElement) form.hidden = false;
    const message = byId('auth-message');
    const reason =
      error.status === 401
        ? `This dashboard needs site “${site}”'s read token.`
        : `The collector refused this read token for site “${site}”: the token is wrong or was rotated out, or the site is not “${site}” (it comes from ?site= in the address).`;
    if (message) message.textContent = reason;
    setStatus(error.status === 401 ? 'waiting for a read token' : 'read token refused', true);
    return true;
  }
  const since = lastRefreshed ? ` What is shown is from ${lastRefreshed}.` : '';
  if (error instanceof Unreachable) {
    showBanner(`The collector cannot be reached (${location.origin}): it may be down or restarting. Retrying every few seconds.${since}`);
    setStatus('collector unreachable', true);
  } else {
    showBanner(`The collector answered with an error: ${error instanceof Error ? error.message : String(error)}. Retrying.${since}`);
    setStatus('refresh failed', true);
  }
  return false;
}
