import type { MeasureDistribution, ViewDetail, ViewEvent, ViewSummary } from '../../src/protocol/queryApi.js';
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

/** An event of a page view as the query API gives it, with its view's id and its epoch time. */
export type ApiEvent = ViewEvent & { viewId: string; at: number };

/** Every event of the site's page views (the newest 500) in the time range, each view's in the order they happened. */
export async function apiEvents(collector: Queryable, time: TimeRange = { from: 0, to: 8.64e15 }): Promise<ApiEvent[]> {
  const views = await viewsIn(collector, time);
  const details = await Promise.all(views.map((view) => queryApi<ViewDetail>(collector, `views/${encodeURIComponent(view.id)}?limit=1000`)));
  return details.flatMap(({ view, events }) => events.map((event) => ({ ...event, viewId: view.id, at: Math.round(view.startedAt + event.start) })));
}

/** How many events of each name starting with `prefix` the collector holds (marks, measures, any type). */
export async function countByName(collector: Queryable, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of await apiEvents(collector)) if (event.name.startsWith(prefix)) counts[event.name] = (counts[event.name] ?? 0) + 1;
  return counts;
}
