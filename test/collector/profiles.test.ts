import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileEvent, ProfileEventV1 } from '../../src/protocol/beacon.js';
import { PROTOCOL_VERSION } from '../../src/protocol/limits.js';
import { makeProfileEvent } from '../support/beacons.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { FILTER_LINE, filterProductsPosition } from '../support/demoBundle.js';

// The demo's minified bundle's map, as `npm test` builds it before the tests run.
const sourceMap = readFileSync(join(projectRoot, 'dist/demo/products.min.js.map'), 'utf8');
const SCRIPT = 'http://shop.test/demo/build/products.min.js?v=3';
/** `go tool pprof` is pprof's reference reader; .ci/run installs Go, a developer may not have it. */
const hasGo = spawnSync('go', ['version']).status === 0;

let collector: CollectorProcess;
beforeAll(async () => {
  collector = await startCollector();
});
afterAll(() => collector?.stop());

const upload = (query: string, body: string, key?: string, site = 'demo') =>
  fetch(`${collector.origin}/v1/sites/${site}/sourcemaps?${query}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
  });
const api = (path: string) => fetch(`${collector.origin}/v1/sites/demo/profiles/${path}`, { headers: { authorization: `Bearer ${collector.readToken}` } });

/**
 * A window as the worker folds it: the click handler calling filterProducts, a frame of an
 * unmapped script, and an "other". Its times are not its counts × `interval` (samples come in
 * bursts): the collector must answer with the times.
 */
function profileEvent(): ProfileEvent {
  const { line, column } = filterProductsPosition();
  return {
    ...makeProfileEvent('n'),
    resources: [SCRIPT.split('?')[0] as string, 'http://shop.test/vendor.js'],
    frames: [
      ['', 0, 1, 500],
      ['n', 0, line, column],
      ['vendorWork', 1, 12, 3],
    ],
    stacks: [
      [[0, 1], 30, 450],
      [[0], 10, 40],
      [[2], 6, 60],
    ],
    other: 4,
    otherMs: 12,
    functions: [
      [1, 450, 450, 30, 30],
      [0, 40, 490, 10, 40],
      [2, 60, 60, 6, 6],
    ],
    spans: [
      {
        kind: 'interaction',
        name: 'click',
        start: 150,
        duration: 460,
        id: 7,
        samples: 32,
        stacks: [
          [0, 28, 420],
          [1, 4, 30],
        ],
        other: 0,
        otherMs: 0,
      },
    ],
  };
}

/** The same window as an SDK of protocol 1 sent it, still cached on a device: counts only. */
function profileEventV1(): ProfileEventV1 {
  const { otherMs: _otherMs, ...event } = profileEvent();
  return {
    ...event,
    stacks: event.stacks.map(([frames, count]) => [frames, count]),
    functions: event.functions.map(([frame, , , self, total]) => [frame, self, total]),
    spans: event.spans.map(({ otherMs: _spanOtherMs, ...span }) => ({ ...span, stacks: span.stacks.map(([stack, count]) => [stack, count]) })),
  };
}

const PAGE = 'http://shop.test/demo/profiled.html';
const OLD_PAGE = 'http://shop.test/demo/cached-sdk.html';
const beaconOf = (v: number, id: string, url: string, event: ProfileEvent | ProfileEventV1) => ({
  v,
  id,
  site: 'demo',
  key: 'demo-public-key',
  sentAt: Date.now(),
  view: { id: `view-${id}`, session: 's1', url, startedAt: Date.now() - 5000, sdk: 'test', release: 'shop-2' },
  events: [event, { type: 'measure', name: 'render list', start: 10, duration: 42 }],
});
const post = (beacon: object) =>
  fetch(`${collector.origin}/v1/beacon`, { method: 'POST', body: JSON.stringify(beacon), headers: { 'content-type': 'text/plain' } });
const onPage = (url: string) => `page=${encodeURIComponent(url)}`;

interface Answered {
  name: string;
  file: string;
  line: number;
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
  estimated: boolean;
}

describe('source maps and profiles at the collector', () => {
  it("takes a source map only with the site's upload token, not a read token or its public write key, and only a real one", async () => {
    const query = 'release=shop-2&file=products.min.js';
    const token = collector.uploadToken;
    expect((await upload(query, sourceMap)).status).toBe(401);
    expect((await upload(query, sourceMap, 'not-the-token')).status).toBe(403);
    expect((await upload(query, sourceMap, 'demo-public-key')).status).toBe(403);
    expect((await upload(query, sourceMap, collector.readToken)).status).toBe(403);
    expect((await upload(query, sourceMap, token, 'other')).status).toBe(403);
    expect((await upload(`${query}&site=other`, sourceMap, token)).status).toBe(400);
    const bad = await upload(query, JSON.stringify({ version: 3, mappings: 'AAAA' }), token);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/not a source map/);
    expect((await upload('file=products.min.js', sourceMap, token)).status).toBe(400);
    expect((await upload(query, sourceMap, token)).status).toBe(201);
  });

  it('stores a profile window and names minified functions from the map; unmapped frames stay as sent', async () => {
    expect((await post(beaconOf(PROTOCOL_VERSION, 'profile-1', PAGE, profileEvent()))).status).toBe(200);

    const { functions } = (await (await api(`functions?kind=window&${onPage(PAGE)}`)).json()) as { functions: Answered[] };
    expect(functions[0]).toEqual({
      name: 'filterProducts',
      file: 'demo/profiled/products.js',
      line: FILTER_LINE,
      column: expect.any(Number),
      selfMs: 450,
      totalMs: 450,
      selfSamples: 30,
      totalSamples: 30,
      estimated: false,
    });
    expect(functions).toContainEqual(expect.objectContaining({ name: 'vendorWork', file: 'http://shop.test/vendor.js', line: 12, selfMs: 60, selfSamples: 6 }));

    const click = (await (await api(`functions?kind=interaction&name=click&${onPage(PAGE)}&release=shop-2`)).json()) as { functions: Answered[] };
    expect(click.functions[0]).toMatchObject({ name: 'filterProducts', selfMs: 420, selfSamples: 28, estimated: false });
    const otherPage = (await (await api(`functions?kind=interaction&name=click&${onPage('http://shop.test/elsewhere')}`)).json()) as { functions: unknown[] };
    expect(otherPage.functions).toEqual([]);
    const { targets } = (await (await api(`targets?${onPage(PAGE)}`)).json()) as { targets: { kind: string; name: string; count: number; ms: number }[] };
    expect(targets).toContainEqual({ kind: 'interaction', name: 'click', count: 1, ms: 450, samples: 32, estimated: false });
  });

  it('keeps taking protocol 1 beacons from cached SDKs: events as before, profile times estimated from counts and marked so', async () => {
    const stored = await post(beaconOf(1, 'profile-v1', OLD_PAGE, profileEventV1()));
    expect(stored.status).toBe(200);
    const measures = (await (
      await fetch(`${collector.origin}/v1/sites/demo/measures?${onPage(OLD_PAGE)}`, { headers: { authorization: `Bearer ${collector.readToken}` } })
    ).json()) as {
      measures: { name: string; count: number; p50: number }[];
    };
    expect(measures.measures).toEqual([expect.objectContaining({ name: 'render list', count: 1, p50: 42 })]);

    // 30 samples × the window's 10 ms mean interval, where protocol 2 said 450 ms.
    const { functions } = (await (await api(`functions?kind=window&${onPage(OLD_PAGE)}`)).json()) as { functions: Answered[] };
    expect(functions[0]).toMatchObject({ name: 'filterProducts', selfMs: 300, totalMs: 300, selfSamples: 30, estimated: true });
    const { targets } = (await (await api(`targets?${onPage(OLD_PAGE)}`)).json()) as { targets: unknown[] };
    expect(targets).toContainEqual({ kind: 'interaction', name: 'click', count: 1, ms: 320, samples: 32, estimated: true });
    const tree = (await (await api(`tree?kind=window&${onPage(OLD_PAGE)}`)).json()) as { tree: { ms: number }; estimated: boolean };
    expect(tree).toMatchObject({ tree: { ms: 500 }, estimated: true });
    // Both kinds together: the figures say some of them are estimates.
    const both = (await (await api('functions?kind=window')).json()) as { functions: Answered[] };
    expect(both.functions[0]).toMatchObject({ name: 'filterProducts', selfMs: 750, selfSamples: 60, estimated: true });
    expect(((await (await api(`tree?kind=window&${onPage(PAGE)}`)).json()) as { estimated: boolean }).estimated).toBe(false);
    // A protocol 1 profile is checked against protocol 1's schema, a protocol 2 one against its own.
    const mixed = await post(beaconOf(1, 'profile-v1-mixed', OLD_PAGE, profileEvent()));
    expect(mixed.status).toBe(400);
    expect(await mixed.text()).toContain('/events/0');
  });

  it('exports the same query as folded text, speedscope and pprof, the "other" remainder included', async () => {
    const folded = await (await api(`export?format=folded&kind=window&${onPage(PAGE)}`)).text();
    expect(folded).toMatch(new RegExp(`;filterProducts \\(demo/profiled/products\\.js:${FILTER_LINE}\\) 450\\n`));
    expect(folded).toContain('(other stacks) 12\n');

    const speedscope = (await (await api(`export?format=speedscope&kind=window&${onPage(PAGE)}`)).json()) as {
      shared: { frames: { name: string }[] };
      profiles: { samples: number[][]; weights: number[]; endValue: number }[];
    };
    expect(speedscope.profiles[0]?.weights.reduce((sum, weight) => sum + weight, 0)).toBe(562);
    expect(speedscope.profiles[0]?.endValue).toBe(562);
    expect(speedscope.shared.frames.map((frame) => frame.name)).toEqual(expect.arrayContaining(['filterProducts', 'vendorWork', '(other stacks)']));

    const pprof = await api(`export?format=pprof&kind=window&${onPage(PAGE)}`);
    const profile = Profile.decode(gunzipSync(Buffer.from(await pprof.arrayBuffer())));
    const strings = profile.stringTable.strings;
    // Samples and nanoseconds, time the default.
    expect(profile.sampleType.map((type) => `${strings[Number(type.type)]}/${strings[Number(type.unit)]}`)).toEqual(['samples/count', 'wall/nanoseconds']);
    expect(strings[Number(profile.defaultSampleType)]).toBe('wall');
    expect(profile.sample.reduce((sum, sample) => sum + Number(sample.value[0]), 0)).toBe(50);
    expect(profile.sample.reduce((sum, sample) => sum + Number(sample.value[1]), 0)).toBe(562_000_000);
    const leafs = profile.sample.map((sample) => {
      const location = profile.location.find((candidate) => candidate.id === sample.locationId[0]);
      const fn = profile.function.find((candidate) => candidate.id === location?.line[0]?.functionId);
      return strings[Number(fn?.name)];
    });
    expect(leafs).toContain('filterProducts');
    expect((await api('export?format=svg')).status).toBe(400);
    // The read side is the site's: without its read token nothing is answered.
    expect((await fetch(`${collector.origin}/v1/sites/demo/profiles/export?format=pprof`)).status).toBe(401);
    expect((await fetch(`${collector.origin}/v1/sites/demo/profiles/functions`, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(403);
  });

  it("gives a flame graph's call tree of the same query: callers above callees, heaviest first", async () => {
    interface Node {
      name: string;
      file: string;
      line: number;
      ms: number;
      children: Node[];
    }
    const { tree } = (await (await api(`tree?kind=window&${onPage(PAGE)}`)).json()) as { tree: Node };
    expect(tree).toMatchObject({ name: 'demo window', ms: 562 });
    expect(tree.children.map((child) => child.ms)).toEqual([490, 60, 12]);
    const [handler, vendor, other] = tree.children;
    expect(handler?.children).toEqual([
      { name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE, column: expect.any(Number), ms: 450, children: [] },
    ]);
    expect(vendor).toMatchObject({ name: 'vendorWork', file: 'http://shop.test/vendor.js', line: 12, children: [] });
    expect(other).toMatchObject({ name: '(other stacks)', children: [] });

    const click = (await (await api(`tree?kind=interaction&name=click&${onPage(PAGE)}`)).json()) as { tree: Node };
    expect(click.tree).toMatchObject({ name: 'demo interaction click', ms: 450 });
    expect(click.tree.children[0]?.children[0]).toMatchObject({ name: 'filterProducts', ms: 420 });
    expect((await api('tree?kind=nonsense')).status).toBe(400);
  });

  it.skipIf(!hasGo && !process.env.CI)('exports pprof that `go tool pprof` reads, symbolicated', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pageprof-pprof-')), 'window.pb.gz');
    writeFileSync(file, Buffer.from(await (await api(`export?format=pprof&kind=window&${onPage(PAGE)}`)).arrayBuffer()));
    const top = spawnSync('go', ['tool', 'pprof', '-top', '-nodecount=5', file], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
    expect(top.status, top.stderr).toBe(0);
    expect(top.stdout).toContain('Total samples = 562ms');
    expect(top.stdout).toMatch(/450ms\s+80\.07%.*filterProducts/);
  });
});
