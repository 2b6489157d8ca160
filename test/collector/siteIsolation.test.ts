import type { RouteOptions } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCollector } from '../../src/collector/createCollector.js';
import { parseConfig } from '../../src/collector/config/parseConfig.js';
import { openSqliteStorage } from '../../src/collector/storage/sqlite/openSqliteStorage.js';
import { makeBeacon, makeProfileEvent, makeView } from '../support/beacons.js';
import { projectRoot } from '../support/collectorProcess.js';
import { postBeacon } from '../support/httpPost.js';
import { startInProcessCollector, type InProcessCollector } from '../support/inProcessCollector.js';

/**
 * Two configured sites holding different data, and every route under `/v1/sites/:site/` as the
 * collector registered it (so that a route added later is covered without touching this test),
 * asked as an attacker would: without a token, with the other site's tokens, and with the right
 * token but a forged `?site=`. No answer may carry the other site's data.
 */
const site = (id: string) => ({
  id,
  writeKey: `${id}-write-key`,
  readTokens: [`${id}-read-token-one-of-at-least-32-chars`, `${id}-read-token-two-of-at-least-32-chars`],
  uploadToken: `${id}-upload-token-of-at-least-32-chars`,
  origins: ['*'],
});
const alpha = site('alpha');
const beta = site('beta');
const sourceMap = readFileSync(join(projectRoot, 'dist/demo/products.min.js.map'), 'utf8');

/** What only one site's data holds, so that an answer carrying it is caught. */
const marker = (id: string) => ({
  url: `https://${id}-only.example/products`,
  release: `${id}-only-release`,
  fn: `${id}OnlyFunction`,
  measure: `${id}-only-measure`,
});
const carries = (body: string, id: string) => {
  const { url, release, fn, measure } = marker(id);
  return [url, release, fn, measure].some((text) => body.includes(text));
};

let collector: InProcessCollector;
const ids: Record<string, { view: string; session: string }> = {};

beforeAll(async () => {
  collector = await startInProcessCollector({ sites: [alpha, beta], ratePerIp: 0, authFailuresPerIp: 0 });
  for (const owner of [alpha, beta]) {
    const { url, release, fn, measure } = marker(owner.id);
    const view = makeView({ url, release });
    ids[owner.id] = { view: view.id, session: view.session };
    const beacon = makeBeacon({ site: owner.id, key: owner.writeKey, view });
    beacon.events.push({ type: 'measure', name: measure, start: 10, duration: 5 }, makeProfileEvent(fn, `https://${owner.id}-only.example/app.min.js`));
    expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
    const upload = await fetch(`${collector.origin}/v1/sites/${owner.id}/sourcemaps?release=${release}&file=products.min.js`, {
      method: 'POST',
      body: sourceMap,
      headers: { authorization: `Bearer ${owner.uploadToken}` },
    });
    expect(upload.status).toBe(201);
  }
});
afterAll(() => collector?.close());

interface Schema {
  properties?: Record<string, { enum?: unknown[]; type?: string; minimum?: number }>;
  required?: string[];
}

/** A valid value for each required query parameter, from the route's own schema. */
function requiredQuery(route: RouteOptions, owner: typeof alpha): URLSearchParams {
  const { properties = {}, required = [] } = (route.schema?.querystring ?? {}) as Schema;
  const known: Record<string, string> = { release: marker(owner.id).release, file: 'products.min.js' };
  return new URLSearchParams(
    required.map((name) => {
      const property = properties[name] ?? {};
      const value = property.enum?.[0] ?? (property.type === 'integer' ? (property.minimum ?? 1) : (known[name] ?? 'x'));
      return [name, String(value)];
    }),
  );
}

/** The route's path for `owner`: its site, and ids of that site's own data for the other parameters. */
function pathFor(route: RouteOptions, owner: typeof alpha): string {
  const own = ids[owner.id] as { view: string; session: string };
  return route.url.replace(/\/:(\w+)/g, (_match, name: string, offset: number) => {
    if (name === 'site') return `/${owner.id}`;
    return `/${route.url.slice(0, offset).endsWith('/sessions') ? own.session : own.view}`;
  });
}

async function ask(route: RouteOptions, owner: typeof alpha, token: string | undefined, extra = '') {
  const query = requiredQuery(route, owner).toString();
  const search = [query, extra].filter(Boolean).join('&');
  const method = String(route.method);
  const response = await fetch(`${collector.origin}${pathFor(route, owner)}${search ? `?${search}` : ''}`, {
    method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(method === 'POST' ? { body: sourceMap } : {}),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const body = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  return { status: response.status, body };
}

const tokenFor = (route: RouteOptions, owner: typeof alpha) => (route.config?.access === 'upload' ? owner.uploadToken : (owner.readTokens[1] as string));
const siteRoutes = () => collector.routes.filter((route) => route.url.startsWith('/v1/sites/:site/'));

describe("site isolation: every route under /v1/sites/:site/, asked with the other site's tokens and forged parameters", () => {
  it('finds the routes to attack', () => {
    const names = siteRoutes().map((route) => `${String(route.method)} ${route.url}`);
    expect(names).toEqual(expect.arrayContaining(['GET /v1/sites/:site/views', 'GET /v1/sites/:site/profiles/functions', 'POST /v1/sites/:site/sourcemaps']));
  });

  it('answers 401 without a token and 403 to every token of the other site', async () => {
    for (const route of siteRoutes()) {
      const name = `${String(route.method)} ${route.url}`;
      expect((await ask(route, alpha, undefined)).status, name).toBe(401);
      for (const token of [...beta.readTokens, beta.uploadToken]) expect((await ask(route, alpha, token)).status, name).toBe(403);
    }
  });

  it("refuses the right token with a forged ?site= of the other site, and never answers with the other site's data", async () => {
    for (const route of siteRoutes()) {
      const name = `${String(route.method)} ${route.url}`;
      const forged = await ask(route, alpha, tokenFor(route, alpha), 'site=beta');
      expect(forged.status, `${name}: ${forged.body}`).toBe(400);
      expect(carries(forged.body, 'beta'), name).toBe(false);
      // Erasing alpha's own view with its own token is what the route is for: not an attack.
      if (route.method === 'DELETE') continue;
      const own = await ask(route, alpha, tokenFor(route, alpha));
      expect(own.status, `${name}: ${own.body}`).toBeLessThan(500);
      expect(carries(own.body, 'beta'), `${name}: ${own.body.slice(0, 300)}`).toBe(false);
    }
  });

  it('answers each site its own data, with either of its read tokens', async () => {
    for (const path of ['views', 'profiles/functions?kind=window', 'profiles/tree', 'profiles/export?format=folded']) {
      for (const token of alpha.readTokens) {
        const answer = await (await fetch(`${collector.origin}/v1/sites/alpha/${path}`, { headers: { authorization: `Bearer ${token}` } })).text();
        expect(carries(answer, 'alpha'), path).toBe(true);
        expect(carries(answer, 'beta'), path).toBe(false);
      }
    }
    // Nothing the attacks above did reached the other site's data.
    const betaViews = await (await fetch(`${collector.origin}/v1/sites/beta/views`, { headers: { authorization: `Bearer ${beta.readTokens[0]}` } })).json();
    expect((betaViews as { views: { id: string }[] }).views.map((view) => view.id)).toEqual([ids.beta?.view]);
  });

  it('refuses, at start, a site route whose querystring would let unknown parameters through', async () => {
    const app = createCollector({ storage: openSqliteStorage(':memory:'), config: parseConfig({ sites: [alpha] }), root: projectRoot, logLevel: 'silent' });
    expect(() =>
      app.get('/v1/sites/:site/loose', { schema: { querystring: { type: 'object', properties: { site: { type: 'string' } } } } }, async () => ({})),
    ).toThrow(/must refuse unknown parameters/);
    await app.close();
  });
});
