import { Ajv } from 'ajv';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Beacon, type ProfileEvent, type ProfileSpan } from '../../src/protocol/beacon.js';
import { MAX_BEACON_BYTES } from '../../src/protocol/limits.js';
import { makeBeacon, makeProfileEvent } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest, postBeacon, rawExchange, type HttpAnswer } from '../support/httpPost.js';
import { delivery, viewsWithEvents } from '../support/queryApi.js';

/**
 * Garbage over a real socket to a real collector process. Every hostile request must get the
 * right 4xx with a reason; a good beacon sent after each one must get 200; at the end every good
 * beacon is stored exactly once, nothing else is, and the process is still up.
 */
const FLOODER = '127.0.0.2';
const HOSTILE = '127.0.0.3';
const RATE_PER_IP = 1000;

let collector: CollectorProcess;
/** The beacons acknowledged: each has a page view of its own. */
const good: Beacon[] = [];

beforeAll(async () => {
  collector = await startCollector({ args: ['--rate-ip', String(RATE_PER_IP), '--rate-site', '0'] });
});

afterAll(async () => {
  await collector?.stop();
});

/** Sends a good beacon from the usual address and expects it acknowledged. */
async function sendGood(): Promise<void> {
  const beacon = makeBeacon();
  const answer = await postBeacon(collector.origin, beacon);
  expect(answer.status, answer.body).toBe(200);
  good.push(beacon);
}

/** Gzip announced by its header, or only by its magic bytes (a Blob from sendBeacon). */
const gzipHeaders: Record<string, string>[] = [{ 'content-encoding': 'gzip' }, { 'content-type': 'application/octet-stream' }];
const post = (body: string | Buffer, headers: Record<string, string> = {}) => postBeacon(collector.origin, body, headers, HOSTILE);
const reason = (answer: HttpAnswer) => (JSON.parse(answer.body) as { error?: string; message?: string }).error ?? '';

/** Every leaf of a JSON value with its path, except the fields dedicated cases below cover. */
function leaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [path];
  const entries = Array.isArray(value) ? value.map((item, index) => [index, item] as const) : Object.entries(value);
  return entries.flatMap(([key, item]) => leaves(item, [...path, key]));
}
/** The oracle: the protocol schema compiled by ajv, independently of the collector's TypeBox checker. */
const schemaCheck = new Ajv({ strict: false }).compile(Beacon);
/** What a schema cannot say, as the protocol states it: no event ends more than 10 minutes after the beacon's `sentAt`. */
const SEND_SLACK_MS = 10 * 60_000;
const endsInTime = (beacon: Beacon) =>
  beacon.events.every((event) => event.start + ('duration' in event ? event.duration : 0) <= beacon.sentAt - beacon.view.startedAt + SEND_SLACK_MS);
const referenceCheck = (value: unknown) => schemaCheck(value) && endsInTime(value as Beacon);
const covered = new Set(['site', 'key', 'sentAt', 'view.startedAt']);
const template = makeBeacon();
const paths = leaves(template).filter((path) => !covered.has(path.join('.')));

function setAt(target: unknown, path: (string | number)[], value: unknown): void {
  let node = target as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = value;
}

describe('hostile input over a real socket', () => {
  it('refuses wrong types, oversized strings and late events exactly where an independent check (ajv and the time rule) fails', async () => {
    const anyJson = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.string({ minLength: 200, maxLength: 3000 }),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), anyJson, async (path, value) => {
        const beacon = makeBeacon();
        setAt(beacon, path, value);
        const body = JSON.stringify(beacon);
        const valid = referenceCheck(JSON.parse(body));
        const answer = await post(body);
        expect(answer.status, `${path.join('.')} = ${JSON.stringify(value)?.slice(0, 80)}: ${answer.body}`).toBe(valid ? 200 : 400);
        if (valid) good.push(beacon);
        else expect(reason(answer)).toMatch(/^\/|^\(beacon\)/);
        await sendGood();
      }),
      { numRuns: 150 },
    );
  });

  it('refuses truncated, invalid and non-finite JSON with 400', async () => {
    const whole = JSON.stringify(makeBeacon());
    const broken = fc.oneof(
      fc.integer({ min: 0, max: whole.length - 1 }).map((end) => whole.slice(0, end)),
      fc.string({ maxLength: 200 }).filter((text) => {
        try {
          JSON.parse(text);
          return false;
        } catch {
          return true;
        }
      }),
      fc.constantFrom('NaN', 'Infinity', '-Infinity').map((literal) => whole.replace('"value":1800', `"value":${literal}`)),
      fc.constantFrom('1e999', '-1e999').map((huge) => whole.replace('"value":1800', `"value":${huge}`)),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        const answer = await post(body);
        expect(answer.status, `${body.slice(0, 60)}: ${answer.body}`).toBe(400);
        expect(reason(answer)).not.toBe('');
        await sendGood();
      }),
      { numRuns: 120 },
    );
  });

  it('refuses a profile window whose indices point past its own arrays, naming the field, and stores the beacons around it', async () => {
    const corruptions: [string, (event: ProfileEvent) => void][] = [
      ['/events/0/functions/0/0 points past /events/0/frames (index 999, 2 items)', (event) => void (event.functions[0] = [999, 1, 1, 1, 1])],
      ['/events/0/stacks/1/0/0 points past /events/0/frames (index 2, 2 items)', (event) => void (event.stacks[1] = [[2], 1, 1])],
      [
        '/events/0/frames/1/1 points past /events/0/resources (index 1, 1 items)',
        (event) => void ((event.frames[1] as [string, number, number, number])[1] = 1),
      ],
      ['/events/0/spans/0/stacks/1/0 points past /events/0/stacks (index 5, 2 items)', (event) => void ((event.spans[0] as ProfileSpan).stacks[1] = [5, 1, 1])],
    ];
    for (const [message, corrupt] of corruptions) {
      const event = makeProfileEvent('poison');
      corrupt(event);
      const answer = await post(JSON.stringify(makeBeacon({ events: [event] })));
      expect(answer.status, message).toBe(400);
      expect(reason(answer)).toBe(message);
      await sendGood();
    }
  });

  it('refuses unknown event types, naming the event', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((type) => !['mark', 'measure', 'vital', 'longtask', 'loaf', 'interaction', 'navigation', 'resources', 'memory', 'route'].includes(type)),
        async (type) => {
          const beacon = makeBeacon();
          (beacon.events[3] as { type: string }).type = type;
          const answer = await post(JSON.stringify(beacon));
          expect(answer.status).toBe(400);
          expect(reason(answer)).toContain('/events/3');
        },
      ),
      { numRuns: 30 },
    );
    await sendGood();
  });

  it('refuses deep nesting before parsing it, within the size cap and inside gzip; more than the decoded cap is 413', async () => {
    for (const depth of [9, 1000, 100_000]) {
      const nested = `{"v":1,"id":"x","events":${'['.repeat(depth)}${']'.repeat(depth)}}`;
      const body = nested.length > MAX_BEACON_BYTES ? gzipSync(nested) : nested;
      const answer = await post(body, { 'content-type': 'application/octet-stream' });
      expect(answer.status, answer.body).toBe(400);
      expect(reason(answer)).toMatch(/nests deeper than the 8 levels/);
    }
    // Brackets inside strings are text, not nesting: a good beacon full of them is stored.
    const bracketed = makeBeacon();
    bracketed.events.push({ type: 'mark', name: '[[[[[[[[[[{{{{{{{{{{\\"[[[[', start: 1 });
    expect((await postBeacon(collector.origin, bracketed)).status).toBe(200);
    good.push(bracketed);
    const deep = `${'{"a":'.repeat(150_000)}1${'}'.repeat(150_000)}`;
    expect((await post(gzipSync(deep), { 'content-type': 'application/octet-stream' })).status).toBe(413);
    await sendGood();
  });

  it('refuses a gzip bomb with 413 and a 10 MB body with 413', async () => {
    const bomb = gzipSync(Buffer.alloc(60 * 1024 * 1024, 32), { level: 9 });
    expect(bomb.length).toBeLessThan(MAX_BEACON_BYTES);
    for (const headers of gzipHeaders) {
      const answer = await post(bomb, headers);
      expect(answer.status, answer.body).toBe(413);
      expect(reason(answer)).toContain('decoded body exceeds');
    }
    const tenMegabytes = Buffer.alloc(10 * 1024 * 1024, 'a');
    const head = `POST /v1/beacon HTTP/1.1\nHost: x\nContent-Type: text/plain\nContent-Length: ${tenMegabytes.length}\nConnection: close\n`;
    const huge = await rawExchange(collector.origin, head, tenMegabytes);
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('{"error":"Request body is too large"}');
    // Chunked, so the size is only found out while reading.
    const chunked = await rawExchange(
      collector.origin,
      head.replace(/Content-Length: \d+/, 'Transfer-Encoding: chunked'),
      Buffer.concat([Buffer.from(`${tenMegabytes.length.toString(16)}\r\n`), tenMegabytes, Buffer.from('\r\n0\r\n\r\n')]),
    );
    expect(chunked.status).toBe(413);
    const notGzip = await post(Buffer.from([0x1f, 0x8b, 1, 2, 3]), { 'content-type': 'application/octet-stream' });
    expect(notGzip.status).toBe(400);
    expect((await post('{}', { 'content-encoding': 'br' })).status).toBe(415);
    await sendGood();
  });

  it('accepts the three beacon content types, gzip by header or by magic bytes, and refuses others with 415', async () => {
    for (const type of ['application/json', 'text/plain;charset=UTF-8', 'application/octet-stream']) {
      const beacon = makeBeacon();
      const answer = await postBeacon(collector.origin, JSON.stringify(beacon), { 'content-type': type });
      expect(answer.status, `${type}: ${answer.body}`).toBe(200);
      good.push(beacon);
    }
    for (const headers of gzipHeaders) {
      const beacon = makeBeacon();
      expect((await postBeacon(collector.origin, gzipSync(JSON.stringify(beacon)), headers)).status).toBe(200);
      good.push(beacon);
    }
    for (const type of ['application/xml', 'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'image/png']) {
      const answer = await post(JSON.stringify(makeBeacon()), { 'content-type': type });
      expect(answer.status, type).toBe(415);
      expect(reason(answer)).toContain('unsupported content type');
    }
    const none = await httpRequest(`${collector.origin}/v1/beacon`, { body: JSON.stringify(makeBeacon()), localAddress: HOSTILE });
    expect(none.status).toBe(415);
    await sendGood();
  });

  it('refuses a bad or missing write key and an unknown site with 403', async () => {
    const cases = [
      [{ key: 'not-the-key' }, /\/key is not the write key/],
      [{ key: undefined }, /\/key is missing/],
      [{ site: 'someone-else' }, /\/site 'someone-else' is not a site/],
    ] as const;
    for (const [overrides, message] of cases) {
      const answer = await post(JSON.stringify(makeBeacon(overrides)));
      expect(answer.status).toBe(403);
      expect(reason(answer)).toMatch(message);
    }
    await sendGood();
  });

  it('refuses beacons from the future or older than retention, naming the field', async () => {
    const day = 86_400_000;
    // Further ahead than a clock error the collector corrects (correctClock).
    const future = makeBeacon({ sentAt: Date.now() + 400 * day });
    const old = makeBeacon();
    old.view.startedAt = Date.now() - 40 * day;
    expect(reason(await post(JSON.stringify(future)))).toBe('/sentAt is in the future');
    const answer = await post(JSON.stringify(old));
    expect(answer.status).toBe(400);
    expect(reason(answer)).toBe('/view/startedAt is older than the retention period');
    await sendGood();
  });

  it('refuses a foreign origin, and answers its preflight without CORS permission', async () => {
    const foreign = await post(JSON.stringify(makeBeacon()), { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' };
    const refused = await httpRequest(`${collector.origin}/v1/beacon`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', ...preflight } });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await httpRequest(`${collector.origin}/v1/beacon`, { method: 'OPTIONS', headers: { origin: collector.origin, ...preflight } });
    expect(allowed.status).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(collector.origin);
    const beacon = makeBeacon();
    const same = await postBeacon(collector.origin, beacon, { origin: collector.origin });
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBe(collector.origin);
    good.push(beacon);
  });

  it('limits a flood from one address with 429 and Retry-After, while other addresses go on', async () => {
    const statuses: number[] = [];
    let retryAfter: string | string[] | undefined;
    for (let sent = 0; sent < RATE_PER_IP + 50; sent += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, () => postBeacon(collector.origin, JSON.stringify({ junk: true }), {}, FLOODER)));
      statuses.push(...answers.map((answer) => answer.status));
      retryAfter ??= answers.find((answer) => answer.status === 429)?.headers['retry-after'];
      if (sent % 200 === 0) await sendGood();
    }
    expect(statuses.filter((status) => status === 400)).toHaveLength(RATE_PER_IP);
    expect(statuses.filter((status) => status === 429)).toHaveLength(50);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    await sendGood();
  });

  it('stayed up, stored every good beacon exactly once and nothing else, and counted the refusals', async () => {
    expect((await httpRequest(`${collector.origin}/healthz`, { method: 'GET' })).status).toBe(200);
    expect((await delivery(collector)).batches).toBe(good.length);
    const stored = await viewsWithEvents(collector);
    expect(Object.fromEntries(stored.map(({ view, events }) => [view.id, events.length]))).toEqual(
      Object.fromEntries(good.map((beacon) => [beacon.view.id, beacon.events.length])),
    );
    const metrics = await collector.metrics();
    for (const rejection of [
      'json',
      'nesting',
      'schema',
      'inconsistent',
      'too_large',
      'content_type',
      'encoding',
      'write_key',
      'unknown_site',
      'origin',
      'rate_ip',
      'timestamp',
    ]) {
      expect(metrics).toMatch(new RegExp(`pageprof_beacons_rejected_total\\{reason="${rejection}"\\} [1-9]`));
    }
    expect(metrics).toContain(`pageprof_beacons_accepted_total{site="demo"} ${good.length}`);
    expect(metrics).toContain(`pageprof_rows_written_total ${good.length * 13 + 1}`);
  });
});
