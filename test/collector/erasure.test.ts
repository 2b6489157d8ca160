import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Facets, PageSummary } from '../../src/protocol/queryApi.js';
import { makeBeacon, makeView } from '../support/beacons.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest, postBeacon } from '../support/httpPost.js';
import { measureCounts, queryApi, viewsIn } from '../support/queryApi.js';

let collector: CollectorProcess;
beforeAll(async () => {
  collector = await startCollector({ args: ['--rate-ip', '0'] });
});
afterAll(() => collector?.stop());

const erase = (path: string, token = collector.readToken) =>
  httpRequest(`${collector.origin}/v1/sites/demo/${path}`, { method: 'DELETE', headers: token ? { authorization: `Bearer ${token}` } : {} });
const everything = { from: 0, to: Date.now() + 60_000 };
const viewIds = async () => (await viewsIn(collector, everything)).map((view) => view.id).sort();

describe('erasure through the API, with the read token', () => {
  it('DELETE …/views/:id and …/sessions/:id remove the page views and all the query API told of them', async () => {
    const session = makeView().session;
    const measured = (name: string, view: ReturnType<typeof makeView>) => makeBeacon({ view, events: [{ type: 'measure', name, start: 10, duration: 5 }] });
    const erasedView = makeView({ session, url: 'https://shop.example/account/jane', release: 'only-erased' });
    const sibling = makeView({ session });
    const kept = makeView();
    for (const beacon of [measured('erased-view', erasedView), measured('erased-view', erasedView), measured('sibling', sibling), measured('kept', kept)]) {
      expect((await postBeacon(collector.origin, beacon)).status).toBe(200);
    }

    expect((await erase(`views/${erasedView.id}`, '')).status).toBe(401);
    expect((await erase(`views/${erasedView.id}`, 'not-the-read-token')).status).toBe(403);
    expect((await erase('views/not%20an%20id')).status).toBe(400);
    expect(await viewIds()).toEqual([erasedView.id, sibling.id, kept.id].sort());

    const byView = await erase(`views/${erasedView.id}`);
    expect(byView.status).toBe(200);
    expect(JSON.parse(byView.body)).toEqual({ erased: { views: 1, events: 2 } });
    expect(await viewIds()).toEqual([sibling.id, kept.id].sort());
    expect(await measureCounts(collector, '')).toEqual({ sibling: 1, kept: 1 });
    const { pages } = await queryApi<{ pages: PageSummary[] }>(collector, 'pages');
    expect(pages.map((page) => page.url)).not.toContain(erasedView.url);
    const { facets } = await queryApi<{ facets: Facets }>(collector, 'facets');
    expect(facets.releases).not.toContain('only-erased');
    expect(facets.pages).not.toContain(erasedView.url);

    expect(JSON.parse((await erase(`sessions/${session}`)).body)).toEqual({ erased: { views: 1, events: 1 } });
    expect(await viewIds()).toEqual([kept.id]);
    expect(await measureCounts(collector, '')).toEqual({ kept: 1 });
    expect(JSON.parse((await erase(`sessions/${session}`)).body)).toEqual({ erased: { views: 0, events: 0 } });
  });
});
