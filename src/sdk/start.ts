import { isSampled } from './isSampled.js';
import { monitor } from './monitor.js';
import { resolveOptions, type Options } from './options.js';
import { createPerf, inertPerf, type PerfInstance } from './perf.js';

let instance: PerfInstance | undefined;

/** Starts pageprof once per page; a second call returns the first instance. */
export const start = (options: Partial<Options>, workerSource: string): PerfInstance => (instance ??= startOnce(options, workerSource));

function startOnce(options: Partial<Options>, workerSource: string): PerfInstance {
  const resolved = typeof location === 'undefined' ? undefined : resolveOptions(options, location.href);
  // A session outside the sample is not measured at all: no observers, no worker, no beacons.
  // Pending consent, the session's draw (kept in sessionStorage) waits for it (createPerf).
  if (!resolved || (!resolved.consent && !isSampled(resolved.sampleRate ?? 1))) return inertPerf();
  return monitor(createPerf)(resolved, workerSource) ?? inertPerf();
}
