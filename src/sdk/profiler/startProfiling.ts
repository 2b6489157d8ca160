import type { ProfilerTrace, ProfileSpanEntry, ProfileWindow } from '../../protocol/workerApi.js';
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
 * cannot be had reliably at unload (here `stop()` resolved in time on 2 of 5 tab closes and on
 * none of 8 navigations, so neither the page nor the worker gets it): a window also ends
 * `SETTLE_MS` after the last slow interaction, long frame or long task, so the stacks of slow
 * work are on their way a second after it. 20 windows per page view bound what a tab left open
 * all day sends.
 */
export const WINDOW_MS = 30_000;
export const SETTLE_MS = 1000;
export const MAX_WINDOWS = 20;
/** The API's finest interval: Chromium rounds up to multiples of 10 ms. */
const SAMPLE_INTERVAL = 10;
/** Samples come ~10.1 ms apart: room for half as many again before `samplebufferfull`. */
const MAX_BUFFER = (WINDOW_MS / SAMPLE_INTERVAL) * 1.5;

export type HandOver = (window: ProfileWindow, atExit: boolean) => Promise<unknown>;

/**
 * Profiles the page in rolling windows and hands each finished window to `handOver` (the worker
 * does the rest). Returns undefined, and observes nothing, when the browser has no `Profiler` or
 * the document lacks `Document-Policy: js-profiling` (the constructor throws): profiling is off
 * for the page view, quietly. A window ends after `WINDOW_MS`, `SETTLE_MS` after slow work, or
 * when its buffer is full, and the next starts at once; hiding the page ends the window as a page
 * exit (best effort: the worker enqueues it itself), showing it again starts a new one.
 */
export function startProfiling(handOver: HandOver): { flush(): Promise<unknown> } | undefined {
  const Constructor = (globalThis as { Profiler?: ProfilerConstructor }).Profiler;
  if (!Constructor) return undefined;
  const create = () => new Constructor({ sampleInterval: SAMPLE_INTERVAL, maxBufferSize: MAX_BUFFER });
  const entries: ProfileSpanEntry[] = [];
  let profiler: Profiler | undefined;
  let started = 0;
  let windows = 0;
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
    profiler.addEventListener('samplebufferfull', monitor(() => end('full', false)));
    timer = setTimeout(monitor(() => end('interval', false)), WINDOW_MS);
    return true;
  }

  function end(reason: string, atExit: boolean): Promise<unknown> {
    const current = profiler;
    if (!current) return Promise.resolve();
    clearTimeout(timer);
    clearTimeout(settling);
    profiler = undefined;
    const start = started;
    const stopped = performance.now();
    const stopping = current.stop();
    if (!atExit) begin();
    return stopping.then((trace) => {
      const taken = entries.splice(0);
      // An entry reaching past this window belongs to the next one too.
      entries.push(...taken.filter((entry) => entry.start + entry.duration > stopped));
      return handOver({ trace, entries: taken, start, end: stopped, reason }, atExit);
    });
  }

  if (!begin()) return undefined;
  observeSpanEntries(entries, () => {
    clearTimeout(settling);
    settling = setTimeout(monitor(() => end('settled', false)), SETTLE_MS);
  });
  onPageHidden(monitor(() => void end('hidden', true)));
  document.addEventListener('visibilitychange', monitor(() => document.visibilityState === 'visible' && begin()));
  return { flush: () => end('flush', false) };
}
