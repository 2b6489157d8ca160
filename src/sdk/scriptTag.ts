import workerSource from 'virtual:pageprof-worker';
import type { BeforeSend } from './createRecorder.js';
import { monitor } from './monitor.js';
import { readScriptOptions } from './options.js';
import { start } from './start.js';

/**
 * The script-tag entry and the only module with side effects: reads the tag's `data-*` options
 * and the `beforeSend` hook the page set on `window.perf`, replaces the inline snippet's stub and
 * replays the calls it queued.
 */
monitor(() => {
  const host = window as unknown as { perf?: object };
  const { q: queued, beforeSend } = (host.perf ?? {}) as { q?: unknown; beforeSend?: BeforeSend };
  const perf = start({ ...readScriptOptions(document.currentScript), beforeSend }, workerSource);
  const { replay, ...api } = perf;
  host.perf = api;
  replay(queued);
})();
