import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { validateBeacon } from '../../src/collector/ingest/validateBeacon.js';
import type { ProfileEvent } from '../../src/protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import type { ProfilerTrace, ProfileSpanEntry, ProfileWindow } from '../../src/protocol/workerApi.js';
import { loadProcessTrace } from '../../src/worker/profile/loadProcessTrace.js';
import { MAX_PROFILE_EVENT_CHARS, processTrace, SPAN_STACKS, WINDOW_STACKS } from '../../src/worker/profile/processTrace.js';

interface Recorded {
  windowStart: number;
  windowEnd: number;
  spans: (ProfileSpanEntry & { type: string })[];
  trace: ProfilerTrace;
  /** The staged page's own measure of each function, performance.now() around it. */
  staged?: Record<string, number>;
}

// Real traces from headless Chromium, recorded by test/fixtures/profiles/recordTraces.ts.
const load = (file: string): Recorded => JSON.parse(readFileSync(join(process.cwd(), 'test/fixtures/profiles', file), 'utf8')) as Recorded;
const toWindow = (recorded: Recorded): ProfileWindow => ({
  trace: recorded.trace,
  entries: recorded.spans,
  start: recorded.windowStart,
  end: recorded.windowEnd,
  reason: 'interval',
});
const clicks = load('clicks-4s.json');
const mixed = load('mixed-30s.json');
const staged = load('staged-bursts.json');

/** The reference: each raw sample's frame names root → leaf, walked naively from the trace. */
function rawStacks(trace: ProfilerTrace): (string[] | undefined)[] {
  return trace.samples.map(({ stackId }) => {
    if (stackId === undefined) return undefined;
    const names: string[] = [];
    for (let id: number | undefined = stackId; id !== undefined; id = trace.stacks[id]?.parentId) {
      names.unshift(trace.frames[trace.stacks[id]?.frameId ?? -1]?.name ?? '?');
    }
    return names;
  });
}

const frameName = (event: ProfileEvent, frame: number) => event.frames[frame]?.[0];
const functionByName = (event: ProfileEvent, name: string) => event.functions.find(([frame]) => frameName(event, frame) === name);

describe('processTrace on real Chromium traces', () => {
  it('folds every sample into a distinct stack of distinct frames; idle samples are no stack', () => {
    const event = processTrace(toWindow(clicks));
    const raw = rawStacks(clicks.trace);
    expect(event.idle).toBe(raw.filter((stack) => !stack).length);
    expect(event.samples).toBe(raw.filter(Boolean).length);
    expect(event.samples + event.idle).toBe(clicks.trace.samples.length);
    // The short window has fewer distinct stacks than the top-K: all are listed, nothing is "other".
    expect(event.other).toBe(0);
    expect(event.stacks.reduce((sum, [, count]) => sum + count, 0)).toBe(event.samples);
    const paths = event.stacks.map(([frames]) => frames.join(','));
    expect(new Set(paths).size).toBe(paths.length);
    const frames = event.frames.map((frame) => JSON.stringify(frame));
    expect(new Set(frames).size).toBe(frames.length);
    // The folded stacks, read back as names, are exactly the raw samples' stacks, counted.
    const folded = new Map(event.stacks.map(([frames, count]) => [frames.map((frame) => frameName(event, frame)).join(';'), count]));
    const counted = new Map<string, number>();
    for (const stack of raw) if (stack) counted.set(stack.join(';'), (counted.get(stack.join(';')) ?? 0) + 1);
    expect(folded).toEqual(counted);
    expect(event.resources.every((url) => url.startsWith('http://127.0.0.1:'))).toBe(true);
  });

  it('gives self and total samples per function, exactly as the raw samples have them', () => {
    const event = processTrace(toWindow(mixed));
    const raw = rawStacks(mixed.trace).filter((stack): stack is string[] => stack !== undefined);
    for (const name of ['spin', 'filterProducts', 'matches', 'sortProducts', 'renderRows']) {
      const [, , , self, total] = functionByName(event, name) ?? [];
      expect(self, name).toBe(raw.filter((stack) => stack.at(-1) === name).length);
      expect(total, name).toBe(raw.filter((stack) => stack.includes(name)).length);
    }
    expect(functionByName(event, 'spin')?.[1]).toBeGreaterThan(functionByName(event, 'filterProducts')?.[1] ?? Infinity);
    // filterProducts calls matches, which calls spin: its total covers both, its self almost nothing.
    const filter = functionByName(event, 'filterProducts');
    expect(filter?.[2]).toBeGreaterThan(1000);
    expect(filter?.[1]).toBeLessThan((filter?.[2] ?? 0) / 10);
  });

  it('attributes to each interaction, long frame, long task and measure the samples inside its time range', () => {
    const event = processTrace(toWindow(clicks));
    const interactions = event.spans.filter((span) => span.kind === 'interaction');
    expect(interactions).toHaveLength(3);
    const times = clicks.trace.samples;
    for (const span of event.spans) {
      const inside = times.filter(
        (sample) => sample.stackId !== undefined && sample.timestamp >= span.start - 0.05 && sample.timestamp <= span.start + span.duration + 0.05,
      );
      expect(span.samples, `${span.kind} ${span.name}`).toBe(inside.length);
      expect(span.stacks.reduce((sum, [, count]) => sum + count, 0) + span.other).toBe(span.samples);
    }
    for (const span of interactions) {
      expect(span.name).toBe('click');
      expect(span.id).toBeGreaterThan(0);
      // The handler ran filterProducts for 250 ms: nearly every sample inside is under it.
      const underFilter = span.stacks
        .filter(([stack]) => event.stacks[stack]?.[0].some((frame) => frameName(event, frame) === 'filterProducts'))
        .reduce((sum, [, count]) => sum + count, 0);
      expect(underFilter).toBeGreaterThanOrEqual(span.samples * 0.8);
    }
    const measures = event.spans.filter((span) => span.kind === 'measure');
    expect(measures.length).toBeGreaterThan(0);
    for (const span of measures) {
      expect(span.name).toBe('render rows');
      const leafs = span.stacks.map(([stack]) => event.stacks[stack]?.[0].map((frame) => frameName(event, frame)));
      expect(leafs.some((names) => names?.includes('renderRows'))).toBe(true);
    }
    expect(event.spans.some((span) => span.kind === 'loaf')).toBe(true);
    expect(event.spans.some((span) => span.kind === 'longtask')).toBe(true);
  });

  it('keeps a 30 s window small: top stacks listed, an exact "other", a few KB gzip, a valid beacon', () => {
    const event = processTrace(toWindow(mixed));
    expect(event.stacks.length).toBeLessThanOrEqual(WINDOW_STACKS + event.spans.length * SPAN_STACKS);
    // The recorded page has more distinct stacks than are listed: some samples are "other".
    expect(event.other).toBeGreaterThan(0);
    expect(event.stacks.reduce((sum, [, count]) => sum + count, 0) + event.other).toBe(event.samples);
    const gzip = gzipSync(JSON.stringify(event)).length;
    console.log(
      `30 s window: ${event.samples} samples, ${event.stacks.length} stacks, ${event.spans.length} spans, ${JSON.stringify(event).length} B JSON, ${gzip} B gzip`,
    );
    expect(gzip).toBeLessThan(4096);
    const beacon = {
      v: PROTOCOL_VERSION,
      id: 'profile-batch',
      site: 'demo',
      sentAt: Date.now(),
      view: { id: 'view', session: 'session', url: 'http://127.0.0.1/', startedAt: Date.now(), sdk: 'test' },
      events: [event],
    };
    expect(validateBeacon(JSON.stringify(beacon))).toMatchObject({ ok: true });
  });
});

describe('processTrace on a trace whose samples come in bursts', () => {
  // The staged page's functions cost 450, 150 (in thousands of short calls) and 80 ms; V8's
  // deoptimizations in the last two gave them bursts of samples microseconds apart.
  const event = processTrace(toWindow(staged));
  const truth = staged.staged ?? {};
  const self = (name: string) => functionByName(event, name)?.[1] ?? 0;
  const samples = (name: string) => functionByName(event, name)?.[3] ?? 0;

  it('is a trace where counting samples misranks the functions', () => {
    expect(samples('formatCells')).toBeGreaterThan(samples('buildReport'));
  });

  it('ranks the functions in their true order, each self time within ±10% (or ±15 ms) of performance.now() around it', () => {
    const ranked = [...event.functions].sort((a, b) => b[1] - a[1]).map(([frame]) => frameName(event, frame));
    expect(ranked.slice(0, 3)).toEqual(['buildReport', 'compareRows', 'formatCells']);
    for (const name of ['buildReport', 'compareRows', 'formatCells']) {
      const measured = truth[name] ?? 0;
      expect(Math.abs(self(name) - measured), `${name}: ${self(name)} ms sampled, ${measured} ms measured`).toBeLessThanOrEqual(Math.max(15, measured * 0.1));
    }
  });

  it('never attributes more time to a span than the span lasted', () => {
    expect(event.spans.length).toBeGreaterThan(3);
    for (const span of event.spans) {
      const ms = span.stacks.reduce((sum, [, , stackMs]) => sum + stackMs, span.otherMs);
      // Each figure is rounded to 0.1 ms.
      expect(ms, `${span.kind} ${span.name}`).toBeLessThanOrEqual(span.duration + 0.05 * (span.stacks.length + 1));
    }
    const sort = event.spans.find((span) => span.kind === 'measure' && span.name === 'sort rows');
    const sortMs = (sort?.stacks ?? []).reduce((sum, [, , ms]) => sum + ms, sort?.otherMs ?? 0);
    expect(Math.abs(sortMs - (truth.compareRows ?? 0))).toBeLessThanOrEqual(15);
    const windowMs = event.stacks.reduce((sum, [, , ms]) => sum + ms, event.otherMs);
    expect(windowMs).toBeLessThanOrEqual(event.duration);
  });
});

describe('top-K trimming', () => {
  /** A trace of `distinct` sibling stacks under one root, stack i (1-based) sampled i times. */
  function siblings(distinct: number): ProfileWindow {
    const frames = [{ name: 'root', resourceId: 0, line: 1, column: 1 }];
    const stacks = [{ frameId: 0 }];
    const samples: ProfilerTrace['samples'] = [];
    let time = 0;
    for (let i = 1; i <= distinct; i++) {
      frames.push({ name: `leaf${i}`, resourceId: 0, line: i + 1, column: 1 });
      stacks.push({ frameId: i, parentId: 0 } as { frameId: number });
      for (let n = 0; n < i; n++) samples.push({ timestamp: (time += 10), stackId: i });
    }
    return { trace: { resources: ['https://example.com/app.js?v=1'], frames, stacks, samples }, entries: [], start: 0, end: time + 10, reason: 'interval' };
  }

  it('lists the heaviest stacks and sums exactly the samples and time of the ones left out in "other"', () => {
    const distinct = WINDOW_STACKS + 10;
    const event = processTrace(siblings(distinct));
    expect(event.stacks).toHaveLength(WINDOW_STACKS);
    const listedLeafs = event.stacks.map(([frames]) => frameName(event, frames.at(-1) ?? -1));
    expect(listedLeafs[0]).toBe(`leaf${distinct}`);
    expect(listedLeafs).not.toContain('leaf10');
    expect(listedLeafs).toContain('leaf11');
    expect(event.other).toBe((10 * 11) / 2);
    // 10 ms apart, each sample stands for 10 ms; the first, the profiler's own start (leaf1), for none.
    expect(event.otherMs).toBe(((10 * 11) / 2 - 1) * 10);
    expect(event.stacks[0]).toEqual([expect.any(Array), distinct, distinct * 10]);
    expect(event.samples).toBe((distinct * (distinct + 1)) / 2);
    expect(event.resources).toEqual(['https://example.com/app.js']);
    expect(event.interval).toBe(10);
  });

  it('lists fewer stacks when deep ones would make the event too big for one beacon, still exact', () => {
    // 300 distinct stacks 120 frames deep, each frame a long-named function of its own.
    const frames: ProfilerTrace['frames'] = [];
    const stacks: ProfilerTrace['stacks'] = [];
    const samples: ProfilerTrace['samples'] = [];
    let time = 0;
    for (let leaf = 0; leaf < 300; leaf++) {
      let parent: number | undefined;
      for (let depth = 0; depth < 120; depth++) {
        frames.push({ name: `renderComponentNumber${leaf}AtDepth${depth}`, resourceId: 0, line: depth + 1, column: leaf + 1 });
        stacks.push(parent === undefined ? { frameId: frames.length - 1 } : { frameId: frames.length - 1, parentId: parent });
        parent = stacks.length - 1;
      }
      for (let n = 0; n <= leaf % 7; n++) samples.push({ timestamp: (time += 10), stackId: parent });
    }
    const event = processTrace({
      trace: { resources: ['https://example.com/app.js'], frames, stacks, samples },
      entries: [],
      start: 0,
      end: time,
      reason: 'interval',
    });
    expect(JSON.stringify(event).length).toBeLessThanOrEqual(MAX_PROFILE_EVENT_CHARS);
    expect(event.stacks.length).toBeGreaterThan(0);
    expect(event.stacks.length).toBeLessThan(WINDOW_STACKS);
    expect(event.stacks.reduce((sum, [, count]) => sum + count, 0) + event.other).toBe(samples.length);
  });
});

describe('the profile processor as the worker loads it', () => {
  it('is dist/pageprof-profiler.js, a classic script defining pageprofProfiler, loaded once with importScripts', () => {
    const built = readFileSync(join(process.cwd(), 'dist/pageprof-profiler.js'), 'utf8');
    const loaded: string[] = [];
    const scope: { importScripts(...urls: string[]): void; pageprofProfiler?: unknown } = {
      importScripts: (...urls) => {
        loaded.push(...urls);
        runInNewContext(built, scope);
      },
    };
    const loadedProcess = loadProcessTrace(scope, 'https://collector.test/pageprof-profiler.js');
    expect(loadProcessTrace(scope, 'https://collector.test/pageprof-profiler.js')).toBe(loadedProcess);
    expect(loaded).toEqual(['https://collector.test/pageprof-profiler.js']);
    expect(loadedProcess(toWindow(clicks))).toEqual(processTrace(toWindow(clicks)));
  });

  it('fails, to be caught by the page, when the processor cannot be loaded', () => {
    expect(() => loadProcessTrace({ importScripts: () => {} }, 'https://collector.test/missing.js')).toThrow(/did not load/);
    expect(() => loadProcessTrace({}, undefined)).toThrow(/did not load/);
  });
});
