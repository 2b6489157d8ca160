import type { processTrace } from './processTrace.js';

type ProcessTrace = typeof processTrace;

/**
 * The profile processor is a file of its own (`dist/pageprof-profiler.js`, a classic script that
 * defines `pageprofProfiler`), loaded on a profiled session's first window: most sessions are not
 * profiled, and the script tag's bundle (16 KB gzip for everything) should not carry it for them.
 */
export function loadProcessTrace(scope: { importScripts?(...urls: string[]): void }, url: string | undefined): ProcessTrace {
  const global = scope as { pageprofProfiler?: { processTrace?: ProcessTrace } };
  if (!global.pageprofProfiler && url) scope.importScripts?.(url);
  const loaded = global.pageprofProfiler?.processTrace;
  if (!loaded) throw new Error('pageprof worker: the profile processor did not load');
  return loaded;
}
