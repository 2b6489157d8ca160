/**
 * Calls `callback` whenever the page may be about to go away: `visibilitychange` to hidden (tab
 * switch, minimise, close on mobile) and `pagehide` (unload, bfcache). On unload `pagehide` comes
 * first; both can fire, so the callback must be cheap to repeat.
 */
export function onPageHidden(callback: () => void): void {
  addEventListener('pagehide', callback, { capture: true });
  document.addEventListener(
    'visibilitychange',
    () => {
      if (document.visibilityState === 'hidden') callback();
    },
    { capture: true },
  );
}
