import type { Api } from './createApi.js';
import { siteSnippet } from './siteSnippet.js';

/** Stands in for the key where the collector does not say it. */
const PLACEHOLDER_KEY = 'SITE-WRITE-KEY';

/**
 * The first run: until the site's first page view arrives, the snippet to paste (with the site's
 * write key, which the collector gives to its read token; a placeholder if it cannot) and a live
 * "waiting for the first beacon" line. Resolves true once there is a page view.
 */
export async function showFirstRun(api: Api, site: string): Promise<boolean> {
  const panel = document.getElementById('first-run');
  const { views } = await api.get('views', new URLSearchParams({ limit: '1' }));
  if (!panel) return views.length > 0;
  if (views.length > 0) {
    panel.hidden = true;
    return true;
  }
  const snippet = document.getElementById('snippet');
  if (snippet && !snippet.textContent) {
    const writeKey = await api.get('setup').then(
      (setup) => setup.writeKey,
      () => undefined,
    );
    snippet.textContent = siteSnippet(location.origin, site, writeKey ?? PLACEHOLDER_KEY);
    const note = document.getElementById('snippet-note');
    if (note) {
      note.textContent = writeKey
        ? `${writeKey} is the site's public write key: it is meant to be in every page. Add data-release="…" to compare releases, data-profile-rate to profile.`
        : `Replace ${PLACEHOLDER_KEY} with the writeKey of site ${site} in the collector's config.`;
    }
  }
  const waiting = document.getElementById('waiting');
  if (waiting) waiting.textContent = `Waiting for the first beacon from site ${site}… checked at ${new Date().toLocaleTimeString()}.`;
  panel.hidden = false;
  return false;
}
