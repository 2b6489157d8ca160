import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Profile } from 'pprof-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileEvent } from '../../src/protocol/beacon.js';
import { makeProfileEvent } from '../support/beacons.js';
import { projectRoot, startCollector, type CollectorProcess } from '../support/collectorProcess.js';

// The demo's minified bundle and its map, as `npm test` builds them before the tests run.
const minified = readFileSync(join(projectRoot, 'dist/demo/products.min.js'), 'utf8');
const sourceMap = readFileSync(join(projectRoot, 'dist/demo/products.min.js.map'), 'utf8');
const SCRIPT = 'http://shop.test/demo/build/products.min.js?v=3';
/** `function filterProducts(` in demo/profiled/products.js. */
const FILTER_LINE = 7;

/**
 * Where V8 places a function in a trace: 1-based line and column of its parameter list. The
 * mangled `filterProducts` is the function whose body reads `performance.now()` first.
 */
function minifiedPosition(): { line: number; column: number } {
  const at = /function (\w)\(\w,\w,\w\)\{const \w=performance\.now\(\)/.exec(minified);
  if (!at) throw new Error('filterProducts not found in the minified bundle');
  return { line: 1, column: at.index + 'function '.length + 'n'.length + 1 };
}

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
const api = (path: string) =>
  fetch(`${collector.origin}/v1/sites/demo/profiles/${path}`, { headers: { authorization: `Bearer ${collector.readToken}` } });

/** A window as the worker folds it: the click handler calling filterProducts, a frame of an unmapped script, and an "other". */
function profileEvent(): ProfileEvent {
  const { line, column } = minifiedPosition();
  return {
    ...makeProfileEvent('n'),
    resources: [SCRIPT.split('?')[0] as string, 'http://shop.test/vendor.js'],
    frames: [
      ['', 0, 1, 500],
      ['n', 0, line, column],
      ['vendorWork', 1, 12, 3],
    ],
    stacks: [
      [[0, 1], 30],
      [[0], 10],
      [[2], 6],
    ],
    other: 4,
    functions: [
      [1, 30, 30],
      [0, 10, 40],
      [2, 6, 6],
    ],
  };
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
    const beacon = {
      v: 1,
      id: 'profile-1',
      site: 'demo',
      key: 'demo-public-key',
      sentAt: Date.now(),
      view: { id: 'view-1', session: 's1', url: 'http://shop.test/demo/profiled.html', startedAt: Date.now() - 5000, sdk: 'test', release: 'shop-2' },
      events: [profileEvent()],
    };
    const stored = await fetch(`${collector.origin}/v1/beacon`, { method: 'POST', body: JSON.stringify(beacon), headers: { 'content-type': 'text/plain' } });
    expect(stored.status).toBe(200);

    const { functions } = (await (await api('functions?kind=window')).json()) as { functions: { name: string; file: string; line: number; selfMs: number; totalMs: number }[] };
    expect(functions[0]).toMatchObject({ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE, selfMs: 300, totalMs: 300 });
    expect(functions).toContainEqual(expect.objectContaining({ name: 'vendorWork', file: 'http://shop.test/vendor.js', line: 12, selfMs: 60 }));

    const click = (await (await api(`functions?kind=interaction&name=click&page=${encodeURIComponent('http://shop.test/demo/profiled.html')}&release=shop-2`)).json()) as { functions: { name: string; selfMs: number }[] };
    expect(click.functions[0]).toMatchObject({ name: 'filterProducts', selfMs: 280 });
    const otherPage = (await (await api(`functions?kind=interaction&name=click&page=${encodeURIComponent('http://shop.test/elsewhere')}`)).json()) as { functions: unknown[] };
    expect(otherPage.functions).toEqual([]);
    const { targets } = (await (await api('targets')).json()) as { targets: { kind: string; name: string; count: number; ms: number }[] };
    expect(targets).toContainEqual({ kind: 'interaction', name: 'click', count: 1, ms: 320 });
  });

  it('exports the same query as folded text, speedscope and pprof, the "other" remainder included', async () => {
    const folded = await (await api('export?format=folded&kind=window')).text();
    expect(folded).toMatch(new RegExp(`;filterProducts \\(demo/profiled/products\\.js:${FILTER_LINE}\\) 300\\n`));
    expect(folded).toContain('(other stacks) 40\n');

    const speedscope = (await (await api('export?format=speedscope&kind=window')).json()) as {
      shared: { frames: { name: string }[] };
      profiles: { samples: number[][]; weights: number[]; endValue: number }[];
    };
    expect(speedscope.profiles[0]?.weights.reduce((sum, weight) => sum + weight, 0)).toBe(500);
    expect(speedscope.profiles[0]?.endValue).toBe(500);
    expect(speedscope.shared.frames.map((frame) => frame.name)).toEqual(expect.arrayContaining(['filterProducts', 'vendorWork', '(other stacks)']));

    const pprof = await api('export?format=pprof&kind=window');
    const profile = Profile.decode(gunzipSync(Buffer.from(await pprof.arrayBuffer())));
    const strings = profile.stringTable.strings;
    expect(profile.sample.reduce((sum, sample) => sum + Number(sample.value[0]), 0)).toBe(500_000);
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

  it('gives a flame graph\'s call tree of the same query: callers above callees, heaviest first', async () => {
    interface Node { name: string; file: string; line: number; ms: number; children: Node[] }
    const { tree } = (await (await api('tree?kind=window')).json()) as { tree: Node };
    expect(tree).toMatchObject({ name: 'demo window', ms: 500 });
    expect(tree.children.map((child) => child.ms)).toEqual([400, 60, 40]);
    const [handler, vendor, other] = tree.children;
    expect(handler?.children).toEqual([{ name: 'filterProducts', file: 'demo/profiled/products.js', line: FILTER_LINE, column: expect.any(Number), ms: 300, children: [] }]);
    expect(vendor).toMatchObject({ name: 'vendorWork', file: 'http://shop.test/vendor.js', line: 12, children: [] });
    expect(other).toMatchObject({ name: '(other stacks)', children: [] });

    const click = (await (await api('tree?kind=interaction&name=click')).json()) as { tree: Node };
    expect(click.tree).toMatchObject({ name: 'demo interaction click', ms: 320 });
    expect(click.tree.children[0]?.children[0]).toMatchObject({ name: 'filterProducts', ms: 280 });
    expect((await api('tree?kind=nonsense')).status).toBe(400);
  });

  it.skipIf(!hasGo && !process.env.CI)('exports pprof that `go tool pprof` reads, symbolicated', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'pageprof-pprof-')), 'window.pb.gz');
    writeFileSync(file, Buffer.from(await (await api('export?format=pprof&kind=window')).arrayBuffer()));
    const top = spawnSync('go', ['tool', 'pprof', '-top', '-nodecount=5', file], { encoding: 'utf8', env: { ...process.env, HOME: tmpdir() } });
    expect(top.status, top.stderr).toBe(0);
    expect(top.stdout).toContain('Total samples = 500ms');
    expect(top.stdout).toMatch(/300ms\s+60(\.00)?%.*filterProducts/);
  });
});
