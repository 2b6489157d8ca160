import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReleaseComparison } from '../../src/protocol/queryRoutes.js';
import { startCollector, type CollectorProcess } from '../support/collectorProcess.js';
import { httpRequest } from '../support/httpPost.js';
import { queryApi } from '../support/queryApi.js';
import { postRelease } from '../support/releaseTraffic.js';

let collector: CollectorProcess;
beforeAll(async () => {
  collector = await startCollector();
  // Two releases of the same code, then one whose every timing is 30% slower and whose addToCart takes 60% of the samples instead of 40%.
  await postRelease(collector.origin, 'same-1', { views: 150, seed: 1 });
  await postRelease(collector.origin, 'same-2', { views: 150, seed: 2 });
  await postRelease(collector.origin, 'slower-3', { views: 150, seed: 3, slowdown: 1.3, share: 0.6 });
}, 60_000);
afterAll(() => collector?.stop());

const compare = (base: string, head: string) => queryApi<ReleaseComparison>(collector, `compare?base=${base}&head=${head}`);
const verdicts = (answer: ReleaseComparison) =>
  Object.fromEntries([...answer.vitals, ...answer.measures, ...answer.functions].map((row) => [row.name, row.verdict]));

describe('GET /v1/sites/:site/compare', () => {
  it('reports no regression between two releases of identical code, over every vital, measure and function', async () => {
    const answer = await compare('same-1', 'same-2');
    expect(answer.vitals.map((vital) => vital.name).sort()).toEqual(['CLS', 'FCP', 'INP', 'LCP', 'TTFB']);
    expect(answer.measures.map((measure) => measure.name)).toEqual(['load products']);
    expect(answer.functions.map((fn) => fn.name).sort()).toEqual(['addToCart', 'handler']);
    expect(new Set(Object.values(verdicts(answer)))).toEqual(new Set(['unchanged']));
    for (const row of [...answer.vitals, ...answer.measures]) {
      expect(row.base.count).toBe(150);
      expect(row.interval[0]).toBeLessThanOrEqual(row.interval[1]);
    }
  });

  it('calls every vital and measure of a 30% slower release regressed, with an interval above zero, and the function that took more time', async () => {
    const answer = await compare('same-1', 'slower-3');
    for (const row of [...answer.vitals, ...answer.measures]) {
      expect(row.verdict, row.name).toBe('regressed');
      expect(row.interval[0], row.name).toBeGreaterThan(0);
      expect(row.change).toBeCloseTo(row.head.p75 - row.base.p75, 6);
    }
    const [first, second] = answer.functions;
    expect(first?.name).toBe('addToCart');
    expect(first?.verdict).toBe('regressed');
    // 40% then 60% of each window of 100 samples of 10 ms: about 400 then 600 ms per second, and per window.
    expect(first?.base.self).toBeGreaterThan(350);
    expect(first?.head.self).toBeLessThan(650);
    expect(first?.head.perWindow).toBeCloseTo(first?.head.self ?? 0, 6);
    expect(first?.change).toBeCloseTo((first?.head.perWindow ?? 0) - (first?.base.perWindow ?? 0), 6);
    expect(answer.windows).toEqual({ base: 150, head: 150 });
    expect(first?.samples).toBe((first?.base.samples ?? 0) + (first?.head.samples ?? 0));
    expect(second?.name).toBe('handler');
    expect(second?.verdict).toBe('improved');
    expect(answer.rule).toEqual({ minSamples: 30, minChange: 0.05, falseDiscoveryRate: 0.05 });
  });

  it('calls nothing changed below the minimum sample count, and refuses a query without both releases', async () => {
    await postRelease(collector.origin, 'few-4', { views: 10, seed: 4, slowdown: 2 });
    const answer = await compare('same-1', 'few-4');
    expect(new Set(Object.values(verdicts(answer)))).toEqual(new Set(['unchanged']));
    const refused = await httpRequest(`${collector.origin}/v1/sites/demo/compare?base=same-1`, {
      method: 'GET',
      headers: { authorization: `Bearer ${collector.readToken}` },
    });
    expect(refused.status).toBe(400);
  });
});
