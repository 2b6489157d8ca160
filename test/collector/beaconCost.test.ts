import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Beacon, PerfEvent, ProfileEvent } from '../../src/protocol/beacon.js';
import { MAX_PROFILES_PER_BEACON, MAX_PROFILES_PER_VIEW } from '../../src/protocol/limits.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { postBeacon, type HttpAnswer } from '../support/httpPost.js';

/**
 * What one beacon may cost the collector, and one site per minute: beacons that would become far
 * more rows than a page makes are refused before any of their rows reaches the writer (its row
 * counter does not move), and a site that stores too many rows a minute is told to wait.
 */
const ROWS_PER_SITE = 2000;
const gzipped = { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' };
let collector: CollectorProcess;

beforeAll(async () => {
  collector = await startCollector({ args: ['--rate-ip', '0', '--rows-site', String(ROWS_PER_SITE)] });
});
afterAll(() => collector?.stop());

const metric = async (name: string) => Number(new RegExp(`^${name.replace(/[{}"]/g, '\\$&')} (\\d+)$`, 'm').exec(await collector.metrics())?.[1] ?? 0);
const rowsWritten = () => metric('pageprof_rows_written_total');
const reason = (answer: HttpAnswer) => (JSON.parse(answer.body) as { error: string }).error;
const api = async <T>(path: string): Promise<T> =>
  (await (await fetch(`${collector.origin}/v1/sites/demo/${path}`, { headers: { authorization: `Bearer ${collector.readToken}` } })).json()) as T;

/** A window listing `stacks` stacks and `spans` spans of `spanStacks` stacks each: its row count grows with all three. */
function wideWindow(stacks: number, spans: number, spanStacks: number, start = 100): ProfileEvent {
  return {
    ...makeProfileEvent('wide'),
    start,
    stacks: Array.from({ length: stacks }, (_, i) => [[0, i % 2], 1, 1] as [number[], number, number]),
    spans: Array.from({ length: spans }, (_, i) => ({
      kind: 'longtask' as const,
      name: '',
      start: start + i,
      duration: 1,
      samples: spanStacks + 1,
      stacks: Array.from({ length: spanStacks }, (_, j) => [j % stacks, 1, 1] as [number, number, number]),
      other: 1,
      otherMs: 1,
    })),
  };
}

describe('what one beacon may cost', () => {
  it('refuses the amplifying beacon (10 windows × 64 spans × 200 stacks, gzip) and a smaller one, and their rows never reach the writer', async () => {
    const before = await rowsWritten();
    const amplifying = gzipSync(JSON.stringify(makeBeacon({ events: Array.from({ length: 10 }, (_, i) => wideWindow(200, 64, 200, 100 + i * 10)) })));
    expect(amplifying.length).toBeLessThan(16 * 1024);
    const refused = await postBeacon(collector.origin, amplifying, gzipped);
    expect(refused.status).toBe(413);
    expect(reason(refused)).toMatch(/decoded body exceeds/);
    // Within the decoded size a beacon may have: its spans list more stacks than a span may.
    const smaller = await postBeacon(
      collector.origin,
      gzipSync(JSON.stringify(makeBeacon({ events: Array.from({ length: 4 }, (_, i) => wideWindow(200, 64, 40, 100 + i * 10)) }))),
      gzipped,
    );
    expect(smaller.status).toBe(400);
    expect(reason(smaller)).toMatch(/^\/events\/0\/spans\/0\/stacks expected array length to be less or equal to 16$/);
    expect(await rowsWritten()).toBe(before);
  });

  it(`refuses more than ${MAX_PROFILES_PER_BEACON} windows in one beacon, and a beacon of more rows than one may be (413)`, async () => {
    const before = await rowsWritten();
    const tooMany = await postBeacon(
      collector.origin,
      makeBeacon({ events: Array.from({ length: MAX_PROFILES_PER_BEACON + 1 }, (_, i) => wideWindow(2, 1, 1, 100 + i)) }),
    );
    expect(tooMany.status).toBe(400);
    expect(reason(tooMany)).toBe(`/events/${MAX_PROFILES_PER_BEACON}: a beacon carries at most ${MAX_PROFILES_PER_BEACON} profile windows`);

    // Within every bound of the schema, and still more rows than a page makes.
    const marks: PerfEvent[] = Array.from({ length: 500 - MAX_PROFILES_PER_BEACON }, (_, i) => ({ type: 'mark', name: `m${i}`, start: i }));
    const widest = Array.from({ length: MAX_PROFILES_PER_BEACON }, (_, i) => ({
      ...wideWindow(200, 64, 16, 100 + i),
      functions: Array.from({ length: 100 }, () => [1, 1, 1, 1, 1] as [number, number, number, number, number]),
    }));
    const costly = await postBeacon(collector.origin, gzipSync(JSON.stringify(makeBeacon({ events: [...marks, ...widest] }))), gzipped);
    expect(costly.status, costly.body).toBe(413);
    expect(reason(costly)).toMatch(/^the beacon would be 6052 rows, more than the 6000 one beacon may be$/);
    expect(await rowsWritten()).toBe(before);
    const metrics = await collector.metrics();
    expect(metrics).toMatch(/pageprof_beacons_rejected_total\{reason="costly"\} 1/);
    expect(metrics).toMatch(/pageprof_beacons_rejected_total\{reason="inconsistent"\} 1/);
  });

  it(`stores at most ${MAX_PROFILES_PER_VIEW} windows of one page view, counting the rest`, async () => {
    const view = makeView();
    const beacons: Beacon[] = Array.from({ length: MAX_PROFILES_PER_VIEW / MAX_PROFILES_PER_BEACON + 1 }, (_, b) =>
      makeBeacon({
        view,
        events: Array.from({ length: MAX_PROFILES_PER_BEACON }, (_, w) => ({ ...makeProfileEvent('perView'), start: 100 + (b * 4 + w) * 3000 })),
      }),
    );
    for (const beacon of beacons) expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
    const { targets } = await api<{ targets: { kind: string; count: number }[] }>(`profiles/targets?page=${encodeURIComponent(view.url)}`);
    expect(targets.find((target) => target.kind === 'window')?.count).toBe(MAX_PROFILES_PER_VIEW);
    expect(await metric('pageprof_profiles_dropped_total{site="demo"}')).toBe(MAX_PROFILES_PER_BEACON);
  });
});

describe('what one site may store per minute', () => {
  it('answers 429 with Retry-After once a site has stored its rows of the minute', async () => {
    // The tests above stored some of the minute's rows already: send until refused.
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let sent = 0; sent < ROWS_PER_SITE / 13 + 2 && !retryAfter; sent++) {
      const answer = await postBeacon(collector.origin, makeBeacon());
      statuses.push(answer.status);
      if (answer.status === 429) {
        retryAfter = answer.headers['retry-after'];
        expect(reason(answer)).toMatch(/stored its 2000 rows of the minute/);
      }
    }
    expect(statuses.at(-1)).toBe(429);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(await collector.metrics()).toMatch(/pageprof_beacons_rejected_total\{reason="rows_site"\} 1/);
  });
});
