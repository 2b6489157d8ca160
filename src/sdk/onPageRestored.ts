/**
 * Calls `callback` when the page comes back from the back/forward cache: a new page view for the
 * user, and the page's timers, worker and observers run again from where they were frozen.
 * https://web.dev/articles/bfcache#observe-when-a-page-is-restored-from-bfcache
 */
export function onPageRestored(callback: () => void): void {
  addEventListener(
    'pageshow',
    (event) => {
      if (event.persisted) callback();
    },
    { capture: true },
  );
}
