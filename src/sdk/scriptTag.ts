import workerSource from 'virtual:pageprof-worker';
import { monitor } from './monitor.js';
import { readScriptOptions } from './options.js';
import { start } from './start.js';

/**
 * The script-tag entry and the only module with side effects: reads the tag's `data-*` options,
 * replaces the inline snippet's `window.perf` stub and replays the calls it queued.
 */
monitor(() => {
  const host = window as unknown as { perf?: { q?: unknown } | object };
  const queued = host.perf && 'q' in host.perf ? host.perf.q : undefined;
  const perf = start(readScriptOptions(document.currentScript), workerSource);
  const { replay, ...api } = perf;
  host.perf = api;
  replay(queued);
})();
