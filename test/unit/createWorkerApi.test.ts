import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Beacon } from '../../src/protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { createWorkerApi, type WorkerScope } from '../../src/worker/createWorkerApi.js';
import { MAX_BATCH_FAILURES } from '../../src/worker/outbox.js';

const batch = (id: string): Beacon => ({
  v: PROTOCOL_VERSION,
  id,
  site: 'shop',
  sentAt: 1,
  view: { id: 'view', session: 'session', url: 'https://shop.example/', startedAt: 1, sdk: '0.1.0' },
  events: [{ type: 'mark', name: id, start: 1 }],
});

/**
 * A worker scope without IndexedDB (the memory outbox) whose `fetch` answers from a script (or,
 * for a batch, as `answerFor` says) and whose timers are recorded instead of run, so a test fires
 * them when it chooses.
 */
function fakeScope(answers: Array<Response | Error>, answerFor: (batch: Beacon) => Response | undefined = () => undefined) {
  const uploads: Beacon[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  let online: () => void = () => {};
  const scope: WorkerScope & { navigator: { onLine: boolean } } = {
    navigator: { onLine: true },
    async fetch(_url, init) {
      const body = Buffer.from(await new Response(init?.body).arrayBuffer());
      const uploaded = JSON.parse(gunzipSync(body).toString('utf8')) as Beacon;
      uploads.push(uploaded);
      const answer = answerFor(uploaded) ?? answers.shift() ?? new Response('{}');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    setTimeout: ((run: () => void, ms: number) => timers.push({ run, ms })) as unknown as typeof setTimeout,
    addEventListener: (_type, listener) => (online = listener),
  };
  return { scope, uploads, timers, goOnline: () => online() };
}

async function started(scope: WorkerScope) {
  const settled: string[] = [];
  const api = createWorkerApi(scope);
  await api.start({ endpoint: 'https://collector.example/v1/beacon', scope: 'shop https://collector.example/v1/beacon' }, (ids) => settled.push(...ids));
  return { api, settled };
}

describe('the worker uploader', () => {
  it('gzips each batch and settles it once the collector acknowledged it', async () => {
    const { scope, uploads } = fakeScope([]);
    const { api, settled } = await started(scope);
    await api.enqueue(batch('a'));
    await api.flush();
    expect(uploads.map((upload) => upload.id)).toEqual(['a']);
    expect(settled).toEqual(['a']);
  });

  it('backs off exponentially with jitter after failures, and resets after a success', async () => {
    const { scope, uploads, timers } = fakeScope([new Response('', { status: 500 }), new TypeError('Failed to fetch'), new Response('', { status: 502 })]);
    const { api, settled } = await started(scope);
    await api.enqueue(batch('a'));
    await api.flush();
    for (const [low, high] of [
      [500, 1000],
      [1000, 2000],
      [2000, 4000],
    ] as const) {
      const timer = timers.at(-1);
      expect(timer?.ms).toBeGreaterThanOrEqual(low);
      expect(timer?.ms).toBeLessThanOrEqual(high);
      timer?.run();
      await api.flush();
    }
    expect(uploads).toHaveLength(4);
    expect(settled).toEqual(['a']);
  });

  it('honours Retry-After on 429 and 503: nothing is sent before it, even for new batches', async () => {
    const { scope, uploads, timers } = fakeScope([new Response('', { status: 429, headers: { 'retry-after': '7' } })]);
    const { api, settled } = await started(scope);
    await api.enqueue(batch('a'));
    await api.flush();
    expect(timers.at(-1)?.ms).toBe(7000);
    await api.enqueue(batch('b'));
    await api.flush();
    expect(uploads).toHaveLength(1);
    timers.at(-1)?.run();
    await api.flush();
    // A batch that failed goes after those that have not.
    expect(uploads.map((upload) => upload.id)).toEqual(['a', 'b', 'a']);
    expect(settled).toEqual(['b', 'a']);
  });

  it('gives up on a batch the collector refuses (4xx), counting it in the next batch', async () => {
    const { scope, uploads } = fakeScope([new Response('{"error":"bad"}', { status: 400 })]);
    const { api, settled } = await started(scope);
    await api.enqueue(batch('bad'));
    await api.flush();
    expect(await api.enqueue(batch('next'))).toEqual({ dropped: 1, durable: false });
    await api.flush();
    expect(uploads.map((upload) => [upload.id, upload.dropped])).toEqual([
      ['bad', undefined],
      ['next', 1],
    ]);
    expect(settled).toEqual(['bad', 'next']);
  });

  it('stays quiet while offline and resumes on `online`', async () => {
    const { scope, uploads, goOnline } = fakeScope([]);
    scope.navigator.onLine = false;
    const { api, settled } = await started(scope);
    await api.enqueue(batch('a'));
    await api.flush();
    expect(uploads).toHaveLength(0);
    scope.navigator.onLine = true;
    goOnline();
    await api.flush();
    expect(settled).toEqual(['a']);
  });

  it('a batch the collector always fails holds up none behind it, and is dropped once it failed while others were stored', async () => {
    const { scope, uploads, timers } = fakeScope([], (uploaded) => (uploaded.id === 'poison' ? new Response('', { status: 500 }) : undefined));
    const { api, settled } = await started(scope);
    await api.enqueue(batch('poison'));
    await api.flush();
    const behind = Array.from({ length: MAX_BATCH_FAILURES + 2 }, (_, index) => `after-${index}`);
    for (const id of behind) {
      // Each batch arrives once the backoff after the last failure is over.
      timers.at(-1)?.run();
      await api.enqueue(batch(id));
      await api.flush();
    }
    expect(settled.filter((id) => id !== 'poison').sort()).toEqual([...behind].sort());
    expect(settled.filter((id) => id === 'poison')).toEqual(['poison']);
    // The drop is reported once, in a batch written after it: the collector counts each batch id once.
    const dropped = new Map(uploads.map((upload) => [upload.id, upload.dropped ?? 0]));
    expect([...dropped.values()].reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(dropped.get('poison')).toBe(0);
  });

  it('a collector failing every batch drops none, however often they are tried', async () => {
    const { scope, uploads, timers } = fakeScope(Array.from({ length: 60 }, () => new Response('', { status: 502 })));
    const { api, settled } = await started(scope);
    for (const id of ['a', 'b', 'c']) await api.enqueue(batch(id));
    await api.flush();
    while (uploads.length < 60) {
      timers.at(-1)?.run();
      await api.flush();
    }
    timers.at(-1)?.run();
    await api.flush();
    expect(settled.sort()).toEqual(['a', 'b', 'c']);
    expect(uploads.slice(60).map((upload) => upload.dropped)).toEqual([undefined, undefined, undefined]);
  });
});

describe('the worker with profile windows', () => {
  const window = {
    trace: {
      resources: ['https://shop.example/app.js'],
      frames: [{ name: 'render', resourceId: 0, line: 1, column: 1 }],
      stacks: [{ frameId: 0 }],
      samples: [0, 10, 20].map((timestamp) => ({ timestamp, stackId: 0 })),
    },
    entries: [],
    start: 0,
    end: 30,
    reason: 'leaving',
  };

  /** A profiled session's scope: `importScripts` runs the built processor (dist/pageprof-profiler.js). */
  function profiledScope() {
    const faked = fakeScope([]);
    const loaded: string[] = [];
    const scope = faked.scope as WorkerScope & { pageprofProfiler?: unknown };
    scope.importScripts = (...urls) => {
      loaded.push(...urls);
      runInNewContext(readFileSync(join(process.cwd(), 'dist/pageprof-profiler.js'), 'utf8'), scope);
    };
    return { ...faked, scope, loaded };
  }

  it('loads the processor as it starts, not with the first window, which may be the one handed over as the page leaves', async () => {
    const { scope, timers, loaded } = profiledScope();
    const api = createWorkerApi(scope);
    await api.start(
      {
        endpoint: 'https://collector.example/v1/beacon',
        scope: 'demo https://collector.example/v1/beacon',
        profilerUrl: 'https://collector.example/pageprof-profiler.js',
      },
      () => {},
    );
    timers.forEach((timer) => timer.run());
    expect(loaded).toEqual(['https://collector.example/pageprof-profiler.js']);
    // Three samples: the profiler's start (no time), then 10 ms each.
    expect((await api.processTrace(window)).functions).toEqual([[0, 20, 20, 3, 3]]);
    expect(loaded).toHaveLength(1);
  });
});
