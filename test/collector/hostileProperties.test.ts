import fc from 'fast-check';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCollector } from '../../src/collector/createCollector.js';
import { demoSite } from '../../src/collector/config/demoSite.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import type { Beacon, ProfileEvent } from '../../src/protocol/beacon.js';
import { makeBeacon, makeProfileEvent } from '../support/beacons.js';
import { projectRoot } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { startInProcessCollector, type InProcessCollector } from '../support/inProcessCollector.js';

/**
 * Generated hostile beacons against a collector on a real socket: values replaced, keys added,
 * renamed and removed, and profile windows that pass the schema but point outside their own
 * arrays. After every beacon stored, every read route is asked: none may answer 5xx. The oracle
 * is this file's own statement of the rules (which objects take free keys, what a window's
 * indices must point at), not the collector's compiled schema.
 */
const READ_TOKEN = 'property-test-read-token-of-32-chars';
let collector: InProcessCollector;

beforeAll(async () => {
  collector = await startInProcessCollector({ sites: [demoSite(READ_TOKEN)], ratePerIp: 0, rowsPerSite: 0, ratePerSite: 0 });
});
afterAll(() => collector?.close());

type Path = (string | number)[];
type Json = Record<string | number, unknown>;

/** Objects whose keys are data, with the keys they take and a value they accept. Every other object takes only its own fields. */
const RECORDS: { path: RegExp; key: RegExp; value: unknown }[] = [
  { path: /^events\.\d+\.attribution$/, key: /^[A-Za-z][A-Za-z0-9_]{0,63}$/, value: 1 },
  { path: /^events\.\d+\.phases$/, key: /^[A-Za-z][A-Za-z0-9_]{0,31}$/, value: 1 },
  { path: /^events\.\d+\.byType$/, key: /^[a-z][a-z0-9-]{0,31}$/, value: { count: 1, transfer: 1, decoded: 1, cached: 0, duration: 1 } },
  {
    path: /^events\.\d+\.byOrigin$/,
    key: /^(other|[a-z][a-z0-9+.-]*:\/\/[^/?#\s]{1,240})$/,
    value: { count: 1, transfer: 1, decoded: 1, cached: 0, duration: 1 },
  },
];
const recordAt = (path: Path) => RECORDS.find((record) => record.path.test(path.join('.')));

/** A window's indices point into its own arrays. */
function consistent(event: ProfileEvent): boolean {
  return (
    event.frames.every(([, resource]) => resource < event.resources.length) &&
    event.stacks.every(([frames]) => frames.every((frame) => frame < event.frames.length)) &&
    event.functions.every(([frame]) => frame < event.frames.length) &&
    event.spans.every((span) => span.stacks.every(([stack]) => stack < event.stacks.length))
  );
}

/** 400 for a window whose indices point outside its arrays, 200 for one whose indices are fine, undefined if other changes broke its shape. */
function indicesStatus(beacon: Beacon): number | undefined {
  try {
    return consistent(beacon.events[PROFILE] as ProfileEvent) ? 200 : 400;
  } catch {
    return undefined;
  }
}

function template(): Beacon {
  const beacon = makeBeacon();
  beacon.events.push(makeProfileEvent('generated'));
  return beacon;
}
const PROFILE = 13;

function walk(value: unknown, path: Path, visit: (value: unknown, path: Path) => void): void {
  visit(value, path);
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) walk(item, [...path, key], visit);
  }
}
const shape = template();
const objects: Path[] = [];
const leaves: Path[] = [];
walk(shape, [], (value, path) => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) objects.push(path);
  else if (value === null || typeof value !== 'object') leaves.push(path);
});
/** The value at `path`, or undefined where an earlier change replaced what led there. */
const at = (root: unknown, path: Path) =>
  path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Json)[key] : undefined), root);
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object';

/** Index fields of the profile window, with how far past their array they may point and stay in the schema. */
const INDICES: { path: Path; max: number }[] = [
  { path: ['events', PROFILE, 'frames', 1, 1], max: 999 },
  { path: ['events', PROFILE, 'stacks', 0, 0, 1], max: 999 },
  { path: ['events', PROFILE, 'functions', 0, 0], max: 999 },
  { path: ['events', PROFILE, 'spans', 0, 'stacks', 0, 0], max: 199 },
];

type Mutation =
  | { kind: 'value'; path: Path; value: unknown }
  | { kind: 'add' | 'rename'; path: Path; key: string }
  | { kind: 'remove'; path: Path; index: number }
  | { kind: 'index'; path: Path; value: number };

const anyJson = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant({}),
  fc.constant([]),
);
/** Keys no strict object has (every field name of the protocol is camelCase letters), some of which a record takes. */
const strangeKey = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((text) => `zz${text}`),
  fc.constantFrom('__proto__', 'constructor', 'zz-key', 'zz key', 'https://zz.example', 'other', 'z'.repeat(70)),
);
// Index changes most often: they are the ones that pass the schema and are stored, or must not be.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('value' as const), path: fc.constantFrom(...leaves), value: anyJson }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('add' as const, 'rename' as const), path: fc.constantFrom(...objects), key: strangeKey }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), path: fc.constantFrom(...objects), index: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...INDICES).chain(({ path, max }) =>
      fc.record({
        kind: fc.constant('index' as const),
        path: fc.constant(path),
        value: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max })),
      }),
    ),
  },
);

/** Applies the mutation; answers the status the rules call for, or undefined where they leave 200 or 400 open. */
function apply(beacon: Beacon, change: Mutation): number | undefined {
  if (change.kind === 'value') {
    const parent = at(beacon, change.path.slice(0, -1));
    if (isObject(parent)) parent[change.path.at(-1) as string | number] = change.value;
    return undefined;
  }
  if (change.kind === 'index') {
    const parent = at(beacon, change.path.slice(0, -1));
    if (!isObject(parent)) return undefined;
    parent[change.path.at(-1) as number] = change.value;
    return 200;
  }
  const object = at(beacon, change.path);
  if (!isObject(object) || Array.isArray(object)) return undefined;
  const keys = Object.keys(object);
  if (change.kind === 'remove') {
    if (keys.length > 0) delete object[keys[change.index % keys.length] as string];
    return undefined;
  }
  // A key the object already has is one of its fields (`other` of a span), not a strange one.
  if (keys.includes(change.key)) return undefined;
  const record = recordAt(change.path);
  const takes = (key: string) => record?.key.test(key) && key !== '__proto__';
  if (change.kind === 'add') {
    Object.defineProperty(object, change.key, { value: record?.value ?? 1, enumerable: true, configurable: true, writable: true });
    return takes(change.key) ? 200 : 400;
  }
  const [renamed] = keys;
  if (renamed === undefined) return undefined;
  Object.defineProperty(object, change.key, { value: object[renamed], enumerable: true, configurable: true, writable: true });
  delete object[renamed];
  return takes(change.key) ? 200 : 400;
}

/** Every GET route under the site, with a valid value for each required parameter (from its own schema). */
function readPaths(routes: RouteOptions[]): string[] {
  return routes
    .filter((route) => route.method === 'GET' && route.url.startsWith('/v1/sites/:site/'))
    .map((route) => {
      const { properties = {}, required = [] } = (route.schema?.querystring ?? {}) as {
        properties?: Record<string, { enum?: unknown[] }>;
        required?: string[];
      };
      const query = new URLSearchParams(required.map((name) => [name, String(properties[name]?.enum?.[0] ?? 'x')]));
      return `${route.url.replace(':site', 'demo').replace(/:\w+/g, 'x')}?${query}`;
    });
}

describe('generated hostile beacons', () => {
  it('get the status the rules call for, never a 5xx, and never break a read route', async () => {
    const paths = readPaths(collector.routes);
    expect(paths.length).toBeGreaterThan(10);
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (changes) => {
        const beacon = template();
        // Removals first, so that no later change takes back a strange key the rules expect refused.
        const expected = [...changes].sort((a, b) => Number(b.kind === 'remove') - Number(a.kind === 'remove')).map((change) => apply(beacon, change));
        // Whether the window's indices point into its arrays is known once every change is made.
        if (changes.some((change) => change.kind === 'index')) expected.push(indicesStatus(beacon));
        const answer = await postBeacon(collector.origin, JSON.stringify(beacon));
        const label = `${JSON.stringify(changes).slice(0, 300)} → ${answer.status} ${answer.body.slice(0, 200)}`;
        expect(answer.status, label).toBeLessThan(500);
        if (expected.includes(400)) expect(answer.status, label).toBe(400);
        else if (expected.length > 0 && expected.every((status) => status === 200)) expect(answer.status, label).toBe(200);
        if (answer.status >= 400) expect((JSON.parse(answer.body) as { error: string }).error, label).toMatch(/^(\/|\(beacon\)|body|the beacon)/);
        if (answer.status !== 200) return;
        stored++;
        for (const path of paths) {
          const read = await fetch(`${collector.origin}${path}`, { headers: { authorization: `Bearer ${READ_TOKEN}` } });
          expect(read.status, `${path} after ${label}`).toBeLessThan(500);
        }
      }),
      { numRuns: 250 },
    );
    // About one in seven is stored (most changes break the schema): enough to have asked every route dozens of times.
    expect(stored).toBeGreaterThan(15);
  });

  it('refuses a deeply nested body without JSON.parse ever seeing it', async () => {
    const readToken = 'nesting-test-read-token-of-32-chars!';
    const app = createCollector({
      storage: openSqliteStorage(':memory:'),
      config: parseConfig({ sites: [demoSite(readToken)] }),
      root: projectRoot,
      logLevel: 'silent',
    });
    await app.ready();
    const parse = vi.spyOn(JSON, 'parse');
    try {
      const answer = await app.inject({
        method: 'POST',
        url: '/v1/beacon',
        headers: { 'content-type': 'text/plain' },
        payload: `{"v":1,"events":${'['.repeat(60_000)}`,
      });
      expect(answer.statusCode).toBe(400);
      expect(parse.mock.calls.filter(([text]) => typeof text === 'string' && text.includes('[[[['))).toEqual([]);
    } finally {
      parse.mockRestore();
      await app.close();
    }
  });
});
