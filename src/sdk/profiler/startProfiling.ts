import { SAMPLE_INTERVAL_MS, type ProfilerTrace, type ProfileSpanEntry, type ProfileWindow } from '../../protocol/workerApi.js';
import { monitor } from '../monitor.js';
import { onPageHidden } from '../onPageHidden.js';
import { observeSpanEntries } from './observeSpanEntries.js';

interface Profiler extends EventTarget {
  stop(): Promise<ProfilerTrace>;
}
type ProfilerConstructor = new (options: { sampleInterval: number; maxBufferSize: number }) => Profiler;

/**
 * Windows of up to 30 s: each costs a `stop()` and a `new Profiler()` (1–2 ms each, up to ~20 ms,
 * browser-notes) and a beacon of ~1–2 KB gzip, so longer windows cost the page less. But a trace
 * cannot be had at page exit: at `pagehide` or `visibilitychange` its `stop()` resolved in time on
 * 8 of 12 tab closes and on none of 18 navigations (measured here). So the window holding slow
 * work (an interaction, long animation frame or long task of 50 ms or more) ends `SETTLE_MS`
 * after it: its entries arrived 1–25 ms after the work ended, slow work resuming sooner (a page's
 * load is often several long frames: 100 ms split one page's first window in 2 of 8 loads) stays
 * in the same window, and a page closed half a second later still sends its stacks. Slow work that
 * goes on ends its window `SLOW_WINDOW_MS` after the window's first, so stacks are never further
 * behind. 20 windows per page view bound what a tab left open all day sends.
 */
export const WINDOW_MS = 30_000;
export const SETTLE_MS = 200;
export const SLOW_WINDOW_MS = 2000;
export const MAX_WINDOWS = 20;
/**
 * After a window ended as the page began to leave, the next waits this long: a page that goes
 * (nearly always) starts no window it could not deliver, and one that stays (a download link, a
 * navigation cancelled) is profiled again a second later.
 */
export const LEAVING_PAUSE_MS = 1000;
/** Samples come ~10.1 ms apart (and in bursts): room for half as many again before `samplebufferfull`. */
const MAX_BUFFER = (WINDOW_MS / SAMPLE_INTERVAL_MS) * 1.5;

export type HandOver = (window: ProfileWindow) => Promise<unknown>;

/**
 * Profiles the page in rolling windows and hands each finished window to `handOver` (the worker
 * does the rest). Returns undefined, and observes nothing, when the browser has no `Profiler` or
 * the document lacks `Document-Policy: js-profiling` (the constructor throws): profiling is off
 * for the page view, quietly. A window ends after `WINDOW_MS`, `SETTLE_MS` after slow work, when
 * its buffer is full, or at the first sign of the page going away (a navigation starting,
 * `beforeunload`), where `stop()` still resolves in time (35 of 36 navigations at `beforeunload`,
 * 24 of 24 at the Navigation API's `navigate`); the next starts `LEAVING_PAUSE_MS` later, the
 * others' at once. Hiding the page ends the window too (best effort: at a tab close `stop()` may
 * resolve too late); showing it again starts a new one. `stop()` ends profiling for good, handing
 * nothing over.
 */
export function startProfiling(handOver: HandOver): { flush(): Promise<unknown>; stop(): void } | undefined {
  const Constructor = (globalThis as { Profiler?: ProfilerConstructor }).Profiler;
  if (!Constructor) return undefined;
  const create = () => new Constructor({ sampleInterval: SAMPLE_INTERVAL_MS, maxBufferSize: MAX_BUFFER });
  const entries: ProfileSpanEntry[] = [];
  let profiler: Profiler | undefined;
  let started = 0;
  let windows = 0;
  let firstSlow = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settling: ReturnType<typeof setTimeout> | undefined;

  /** Starts a window if one may start; false only when the constructor refused. */
  function begin(): boolean {
    if (profiler || windows >= MAX_WINDOWS || document.visibilityState === 'hidden') return true;
    try {
      profiler = create();
    } catch {
      return false;
    }
    windows++;
    started = performance.now();
    firstSlow = 0;
    profiler.addEventListener(
      'samplebufferfull',
      monitor(() => end('full')),
    );
    timer = setTimeout(
      monitor(() => end('interval')),
      WINDOW_MS,
    );
    return true;
  }

  /** Stops the current window; its trace, with the entries seen meanwhile, is the promise's. */
  function close(): Promise<ProfileWindow> | undefined {
    const current = profiler;
    if (!current) return undefined;
    clearTimeout(timer);
    clearTimeout(settling);
    profiler = undefined;
    const start = started;
    const stopped = performance.now();
    return current.stop().then((trace) => {
      const taken = entries.splice(0);
      // An entry reaching past this window belongs to the next one too.
      entries.push(...taken.filter((entry) => entry.start + entry.duration > stopped));
      return { trace, entries: taken, start, end: stopped, reason: '' };
    });
  }

  /**
   * Ends the window and starts the next, unless the page is hidden. A window that cannot be had
   * or handed over is lost, quietly: no rejection reaches the page.
   */
  function end(reason: 'interval' | 'full' | 'settled' | 'flush' | 'leaving' | 'hidden'): Promise<unknown> {
    const closing = close();
    if (!closing) return Promise.resolve();
    if (reason === 'leaving') setTimeout(monitor(begin), LEAVING_PAUSE_MS);
    else if (reason !== 'hidden') begin();
    return closing.then((window) => handOver({ ...window, reason })).catch(() => undefined);
  }

  if (!begin()) return undefined;
  observeSpanEntries(entries, () => {
    const now = performance.now();
    firstSlow ||= now;
    clearTimeout(settling);
    settling = setTimeout(
      monitor(() => end('settled')),
      Math.min(SETTLE_MS, firstSlow + SLOW_WINDOW_MS - now),
    );
  });
  const leaving = monitor(() => void end('leaving'));
  // Firefox, where a `beforeunload` listener would keep the page out of the bfcache, has no Profiler.
  addEventListener('beforeunload', leaving);
  // Where profiling exists (Chromium), so does the Navigation API; a same-document navigation is no leaving.
  (globalThis as { navigation?: EventTarget }).navigation?.addEventListener(
    'navigate',
    monitor((event: Event) => (event as Event & { destination: { sameDocument: boolean } }).destination.sameDocument || leaving()),
  );
  onPageHidden(monitor(() => void end('hidden')));
  document.addEventListener(
    'visibilitychange',
    monitor(() => document.visibilityState === 'visible' && begin()),
  );
  return {
    flush: () => end('flush'),
    stop() {
      windows = MAX_WINDOWS;
      close()?.catch(() => undefined);
    },
  };
}
