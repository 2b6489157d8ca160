import { expose } from 'comlink';
import nodeEndpoint from 'comlink/dist/umd/node-adapter.js';
import { parentPort, workerData } from 'node:worker_threads';
import { createMapResolver, sourceMapProblem } from './createMapResolver.js';

/**
 * The symbolicator thread's entry: source maps run to tens of megabytes, and parsing one takes
 * the request thread away from beacons for hundreds of milliseconds (a 20 MB upload took
 * /healthz from 6 to 680 ms). Uploads are checked and maps parsed here instead.
 */
const resolver = createMapResolver((workerData as { maxBytes: number }).maxBytes);
if (parentPort) expose({ resolve: resolver.resolve, forget: resolver.forget, problem: sourceMapProblem }, nodeEndpoint(parentPort));
