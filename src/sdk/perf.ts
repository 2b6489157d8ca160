import type { Beacon, ViewContext } from '../protocol/beacon.js';
import { BATCH_WAIT_MS, createBatcher, type FlushReason } from './batcher.js';
import { createConsentGate } from './consentGate.js';
import { askKnownBatches } from './askKnownBatches.js';
import { createDelivery } from './delivery.js';
import { createRecorder } from './createRecorder.js';
import { deviceContext } from './deviceContext.js';
import { isSampled } from './isSampled.js';
import { startMetrics } from './metrics/startMetrics.js';
import { trackRoutes } from './metrics/trackRoutes.js';
import { monitor } from './monitor.js';
import { onPageHidden } from './onPageHidden.js';
import { onPageRestored } from './onPageRestored.js';
import type { Options } from './options.js';
import { startProfiling } from './profiler/startProfiling.js';
import { mayProfile } from './profiler/mayProfile.js';
import { randomId } from './randomId.js';
import { sessionId } from './session.js';
import { startWorker } from './startWorker.js';
import { stripUrl } from './stripUrl.js';
import { createUserTiming } from './userTiming.js';
import { viewTags } from './viewTags.js';
import { VERSION } from '../protocol/version.js';
import { whenIdle } from './whenIdle.js';

/** The public API, `window.perf` for the script tag and the return value of `init()`. */
export interface Perf {
  readonly version: string;
  /** Marks a moment; `detail` is kept as JSON (up to 2 KB). */
  mark(name: string, detail?: unknown): void;
  /** Measures from `start` to `end`: mark names or milliseconds; defaults are time origin and now. */
  measure(name: string, start?: string | number, end?: string | number): void;
  /** Sends what has been collected so far, without waiting for the next batch. */
  flush(): Promise<void>;
  /** Names the single-page app's current route; from then on history changes no longer name routes. */
  setRoute(name: string): void;
  /** Tags the page view (`experiment`, `tenant`: up to 5, each a dashboard filter); null removes one. */
  setTag(name: string, value: string | number | boolean | null): void;
  /** The visitor's answer, with `data-consent="pending"`: true starts storing and sending, false drops everything. */
  consent(granted: boolean): void;
}

/** A call made through the inline snippet before the bundle loaded: method, arguments, time. */
export type QueuedCall = [method: string, args: unknown[], at: number];

export interface PerfInstance extends Perf {
  replay(queue: unknown): void;
}

export function createPerf(options: Options, workerSource: string | undefined): PerfInstance {
  const view: ViewContext = {
    id: randomId(),
    // Filled in by describeView: the first sessionStorage read costs ~4–8 ms during load.
    session: '',
    url: stripUrl(location.href),
    startedAt: Math.round(performance.timeOrigin),
    sdk: VERSION,
    ...(options.release ? { release: options.release } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.sampleRate !== undefined && options.sampleRate < 1 ? { sampleRate: options.sampleRate } : {}),
  };
  // Batches made after a change carry it: the view is theirs by reference.
  const tags = viewTags((current) => {
    if (current) view.tags = current;
    else delete view.tags;
  });
  for (const [name, value] of Object.entries(options.tags ?? {})) tags.set(name, value);
  // Reading the viewport forces a layout, and the first sessionStorage read waits on the browser,
  // both costly while the page is still loading (3–30 ms measured): the session and device are
  // described when the first batch is made.
  let described = false;
  const describeView = monitor(() => {
    if (described) return;
    described = true;
    Object.assign(view, { session: sessionId() }, deviceContext());
  });
  const scope = `${options.site} ${options.endpoint}`;
  const delivery = createDelivery(options.endpoint, scope, view.id);
  // The worker starts when there is work for it, not during the page's load (starting it costs the
  // page ~4.5 ms of script): at the first batch handed over, a flush() the app asks for, a profiled
  // session (the worker folds its windows), or at idle time 5 s after the script ran, so that an
  // earlier view's outbox and stash are uploaded even if this view sends nothing.
  // A batch cut at exit goes out with the exit beacons: a worker started then could not send it.
  let beginWorker: () => void = () => undefined;
  const worker = new Promise<Awaited<ReturnType<typeof startWorker>>>((resolve) => {
    beginWorker = () => {
      beginWorker = () => undefined;
      // In a task of its own, not in the caller's (the script's evaluation, an idle callback).
      setTimeout(() => {
        // The processor only for a profiled session, whose windows it folds.
        const config = { endpoint: options.endpoint, scope, ...(profiling && options.profilerUrl ? { profilerUrl: options.profilerUrl } : {}) };
        resolve(startWorker(workerSource, options.workerUrl, config, monitor(delivery.acknowledge)));
      });
    };
  }).catch(() => undefined);
  const deliver = (batch: Beacon, reason?: FlushReason) => {
    if (reason !== 'exit') beginWorker();
    delivery.deliver(batch, reason);
  };
  const target = { site: options.site, ...(options.key ? { key: options.key } : {}) };
  const batcher = createBatcher(target, view, deliver, describeView);
  const gate = createConsentGate(options.consent === 'pending', batcher.add);
  gate.whenGranted(() => setTimeout(() => whenIdle(() => beginWorker(), 1000), BATCH_WAIT_MS));
  // Route changes close the last route's metrics before events start landing on the new one.
  const routes = trackRoutes((name, time) => {
    metrics.newRoute();
    record({ type: 'route', name, start: time, route: name });
  }, options.routeName);
  const record = createRecorder(gate.add, routes.at, options.beforeSend);
  const metrics = startMetrics(record, routes.startedFrom, options.userTiming);
  const timing = createUserTiming(metrics.recordUserTiming, options.markDetail);
  const started = worker.then(monitor(delivery.useOutbox));
  // Earlier views' stashes are not this view's measurement: they wait for the worker, an idle
  // moment and the end of the load (BATCH_WAIT_MS, even where a profiled session starts the worker
  // at once), since the first read of localStorage loads the origin's whole storage area (~6 ms of
  // the load bench's main-thread time; 17–73 ms in a profiled load on a loaded machine).
  const known = askKnownBatches(options.endpoint, target);
  const takeStash = monitor(() => delivery.takeStash(known));
  setTimeout(() => void started.then(() => whenIdle(takeStash, 5000)), BATCH_WAIT_MS);
  // A profiled session (the session's one draw, isSampled: a subset of measured ones) starts the
  // profiler now, as the script runs, so the page's own load is in its first window; the worker,
  // started at once, folds the windows once it is up. Each folded window is an event of the page's
  // batches: one handed over as the page goes, back while the document is still there, joins its
  // one exit request (delivery.ts). Without a worker profiles cannot be folded: profiling stops.
  // With consent pending, the draw (kept in sessionStorage) and the profiler wait for consent, and
  // the load is not profiled.
  let profiling: ReturnType<typeof startProfiling>;
  gate.whenGranted(
    monitor(() => {
      // Whether the document may be profiled comes first: the session's draw is a sessionStorage read.
      if (!options.profilerUrl || !options.profileRate || !mayProfile() || !isSampled(options.profileRate)) return;
      profiling = startProfiling((window) => worker.then((api) => api?.processTrace(window).then(record)));
      if (!profiling) return;
      beginWorker();
      void worker.then((api) => api || profiling?.stop());
    }),
  );

  onPageHidden(
    monitor(() => {
      // Synchronously, before the cut: pending entries (INP of a tab closed right after a slow
      // click) must make this page's last beacon.
      metrics.flush();
      batcher.cut('exit');
      delivery.sendAtExit();
    }),
  );
  onPageRestored(
    monitor(() => {
      gate.whenGranted(describeView);
      batcher.restart({ ...view, id: randomId() });
    }),
  );

  const mark = monitor((name: unknown, detail?: unknown) => timing.mark(name, detail));
  const measure = monitor((name: unknown, start?: unknown, end?: unknown) => timing.measure(name, start, end));
  const setRoute = monitor((name: unknown, at?: number) => typeof name === 'string' && name !== '' && routes.set(name, at));
  const setTag = monitor(tags.set);
  // The session's sample draw waits for consent too: it is kept in sessionStorage.
  const consent = monitor((granted: unknown) => gate.decide(granted === true && isSampled(options.sampleRate ?? 1)));
  const flush = monitor(async () => {
    await profiling?.flush();
    batcher.cut('flush');
    // Before consent there is nothing to send, and no worker to wait for.
    if (!gate.granted()) return;
    beginWorker();
    await started;
    await delivery.flush();
  });

  function replay(queue: unknown): void {
    if (!Array.isArray(queue)) return;
    for (const call of queue) {
      if (!Array.isArray(call)) continue;
      const [method, args, at] = call as QueuedCall;
      const list = Array.isArray(args) ? args : [];
      if (method === 'mark') timing.mark(list[0], list[1], at);
      else if (method === 'measure') timing.measure(list[0], list[1], list[2], at);
      else if (method === 'flush') void flush();
      else if (method === 'setRoute') setRoute(list[0], typeof at === 'number' && at >= 0 && at <= performance.now() ? at : undefined);
      else if (method === 'consent') consent(list[0]);
      else if (method === 'setTag') setTag(list[0], list[1]);
    }
  }

  return {
    version: VERSION,
    mark,
    measure,
    flush: () => flush() ?? Promise.resolve(),
    setRoute: (name: string) => void setRoute(name),
    setTag: (name: string, value: string | number | boolean | null) => void setTag(name, value),
    consent: (granted: boolean) => void consent(granted),
    replay: monitor(replay),
  };
}

/** What `window.perf` becomes when pageprof cannot run (bad options): the same shape, doing nothing. */
export function inertPerf(): PerfInstance {
  const nothing = () => undefined;
  return {
    version: VERSION,
    mark: nothing,
    measure: nothing,
    flush: () => Promise.resolve(),
    setRoute: nothing,
    setTag: nothing,
    consent: nothing,
    replay: nothing,
  };
}
