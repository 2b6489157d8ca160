import type { MeasureDistribution, ViewSummary } from '../../src/protocol/queryApi.js';
import { httpRequest } from './httpPost.js';

/** A collector the query API can be asked: its origin, a site (default `demo`) and the site's read token. */
export interface Queryable {
  origin: string;
  readToken: string | undefined;
  site?: string;
}

/** `GET /v1/sites/<site>/<path>` with the read token, as the dashboard asks; fails on any answer but 200. */
export async function queryApi<T>(collector: Queryable, path: string): Promise<T> {
  const answer = await httpRequest(`${collector.origin}/v1/sites/${collector.site ?? 'demo'}/${path}`, {
    method: 'GET',
    headers: { authorization: `Bearer ${collector.readToken ?? ''}` },
  });
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as T;
}

/** Epoch ms bounds of the query API's time filter. */
export interface TimeRange {
  from: number;
  to: number;
}
const range = ({ from, to }: TimeRange) => `from=${Math.floor(from)}&to=${Math.ceil(to)}`;

/** How many `perf.measure()`s of each name starting with `prefix` the collector holds in the time range. */
export async function measureCounts(collector: Queryable, prefix: string, time: TimeRange = { from: 0, to: 8.64e15 }): Promise<Record<string, number>> {
  const { measures } = await queryApi<{ measures: MeasureDistribution[] }>(collector, `measures?${range(time)}`);
  return Object.fromEntries(measures.filter((measure) => measure.name.startsWith(prefix)).map((measure) => [measure.name, measure.count]));
}

/** The page views that started in the time range, newest first. */
export async function viewsIn(collector: Queryable, time: TimeRange): Promise<ViewSummary[]> {
  return (await queryApi<{ views: ViewSummary[] }>(collector, `views?limit=500&${range(time)}`)).views;
}
