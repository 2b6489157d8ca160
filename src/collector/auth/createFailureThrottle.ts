/** Addresses remembered at once: a flood from many addresses costs bounded memory, oldest forgotten first. */
const MAX_ADDRESSES = 10_000;

/**
 * Counts failed authentications per client address in fixed windows. Once an address has failed
 * `limit` times in a window, it is refused until the window ends, whatever it sends: a token
 * cannot be guessed faster than `limit` tries a window per address.
 */
export function createFailureThrottle(limit: number, windowMs: number, now: () => number = Date.now) {
  const windows = new Map<string, { failures: number; endsAt: number }>();
  const current = (address: string) => {
    const window = windows.get(address);
    if (window && window.endsAt <= now()) windows.delete(address);
    return windows.get(address);
  };
  return {
    /** Seconds until the address may try again, or 0 when it may now. */
    blockedFor(address: string): number {
      const window = current(address);
      return window && window.failures >= limit ? Math.ceil((window.endsAt - now()) / 1000) : 0;
    },
    fail(address: string): void {
      const window = current(address);
      if (window) return void window.failures++;
      if (windows.size >= MAX_ADDRESSES) windows.delete(windows.keys().next().value as string);
      windows.set(address, { failures: 1, endsAt: now() + windowMs });
    },
  };
}
