import workerSource from 'virtual:pageprof-worker';
import type { Options } from './options.js';
import type { Perf } from './perf.js';
import { start } from './start.js';

export type { Options, Perf };
export type { PerfEvent } from '../protocol/beacon.js';
export type { BeforeSend } from './createRecorder.js';
export type { RouteName } from './metrics/trackRoutes.js';
export { VERSION as version } from '../protocol/version.js';

/** The ESM entry: `init({ site, endpoint })` returns the same API the script tag puts on `window.perf`. */
export function init(options: Options): Perf {
  const { replay: _replay, ...perf } = start(options, workerSource);
  return perf;
}
