/**
 * Runs `task` when the main thread is idle, or after `timeout` ms at the latest, so pageprof's own
 * work never competes with the page's. Falls back to a timer where `requestIdleCallback` is missing.
 */
export function whenIdle(task: () => void, timeout: number): void {
  if (typeof requestIdleCallback === 'function') {
    requestIdleCallback(task, { timeout });
  } else {
    setTimeout(task, Math.min(timeout, 50));
  }
}
