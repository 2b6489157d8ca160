import { existsSync } from 'node:fs';

/**
 * libfaketime (Debian: `faketime`) shifts the clock of a whole process, preloaded into it: a
 * Chromium run under it is a device whose clock is off, its documents' `timeOrigin`, `Date` and
 * its workers' clocks alike (page.clock fakes the page's script only, not its workers). Undefined
 * where it is not installed; CI installs it.
 */
export const libfaketime = [
  '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1',
  '/usr/lib/faketime/libfaketime.so.1',
].find((path) => existsSync(path));

/** The environment of a process whose clocks read `offsetMs` from the true time. */
export function clockOffBy(offsetMs: number): NodeJS.ProcessEnv {
  return { ...process.env, LD_PRELOAD: libfaketime, FAKETIME: `${offsetMs < 0 ? '-' : '+'}${Math.abs(offsetMs) / 1000}` };
}
