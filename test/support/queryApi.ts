import type { DeliverySummary, Filters, MeasureDistribution, ViewDetail, ViewEvent, ViewSummary } from '../../src/protocol/queryRoutes.js';
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
/** The query API's filters, with a time range of any ms (widened to whole ms). */
export type ViewFilters = Partial<TimeRange> & Omit<Filters, 'from' | 'to'>;

const ALL_TIME: TimeRange = { from: 0, to: 8.64e15 };
const queryOf = ({ from = ALL_TIME.from, to = ALL_TIME.to, ...rest }: ViewFilters) =>
  new URLSearchParams([
    ['from', String(Math.floor(from))],
    ['to', String(Math.ceil(to))],
    ...Object.entries(rest).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ]).toString();

/** How many `perf.measure()`s of each name starting with `prefix` the collector holds in the time range. */
export async function measureCounts(collector: Queryable, prefix: string, time: TimeRange = ALL_TIME): Promise<Record<string, number>> {
  const { measures } = await queryApi<{ measures: MeasureDistribution[] }>(collector, `measures?${queryOf(time)}`);
  return Object.fromEntries(measures.filter((measure) => measure.name.startsWith(prefix)).map((measure) => [measure.name, measure.count]));
}

const VIEWS_PAGE = 500;

/**
 * Every page view that started in the time range and passes the filters, newest first. The route
 * answers at most 500 at a time: each further page ends with the ms the last page's oldest view
 * started in, taken again, so that the views of one ms never fall between two pages.
 */
export async function viewsIn(collector: Queryable, filters: ViewFilters = {}): Promise<ViewSummary[]> {
  const found = new Map<string, ViewSummary>();
  for (let to = filters.to ?? ALL_TIME.to; ; ) {
    const { views } = await queryApi<{ views: ViewSummary[] }>(collector, `views?limit=${VIEWS_PAGE}&${queryOf({ ...filters, to })}`);
    for (const view of views) found.set(view.id, view);
    const oldest = views.at(-1);
    if (views.length < VIEWS_PAGE || !oldest) return [...found.values()];
    const next = Math.floor(oldest.startedAt) + 1;
    if (next >= to) throw new Error(`more than ${VIEWS_PAGE} page views started in the ms before ${to}`);
    to = next;
  }
}

/** An event of a page view as the query API gives it, with its view's id and its epoch time. */
export type ApiEvent = ViewEvent & { viewId: string; at: number };

/** All of one page view's events, page by page, in the order they happened. */
async function eventsOf(collector: Queryable, view: ViewSummary): Promise<ApiEvent[]> {
  const events: ViewEvent[] = [];
  for (let total = 1; events.length < total; ) {
    const page = await queryApi<ViewDetail>(collector, `views/${encodeURIComponent(view.id)}?offset=${events.length}&limit=1000`);
    if (page.events.length === 0) break;
    events.push(...page.events);
    total = page.total;
  }
  return events.map((event) => ({ ...event, viewId: view.id, at: Math.round(view.startedAt + event.start) }));
}

/** The page views that started in the time range and pass the filters, newest first, each with all of its events. */
export async function viewsWithEvents(collector: Queryable, filters: ViewFilters = {}): Promise<{ view: ViewSummary; events: ApiEvent[] }[]> {
  const views = await viewsIn(collector, filters);
  const found: { view: ViewSummary; events: ApiEvent[] }[] = [];
  // A few views at a time: a crash test leaves hundreds.
  for (let next = 0; next < views.length; next += 16) {
    found.push(...(await Promise.all(views.slice(next, next + 16).map(async (view) => ({ view, events: await eventsOf(collector, view) })))));
  }
  return found;
}

/** Every event of the page views that started in the time range and pass the filters: the newest view's first, each view's in the order they happened. */
export async function apiEvents(collector: Queryable, filters: ViewFilters = {}): Promise<ApiEvent[]> {
  return (await viewsWithEvents(collector, filters)).flatMap(({ events }) => events);
}

/** How many of the events have each name. */
export function namesCounted(events: readonly ApiEvent[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { name } of events) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

/** How many events of each name starting with `prefix` the collector holds (marks, measures, any type). */
export async function countByName(collector: Queryable, prefix: string): Promise<Record<string, number>> {
  return namesCounted((await apiEvents(collector)).filter((event) => event.name.startsWith(prefix)));
}

/** How the site's pages delivered: the batches the collector received in the time range (by its own clock). */
export async function delivery(collector: Queryable, time: TimeRange = ALL_TIME): Promise<DeliverySummary> {
  return (await queryApi<{ delivery: DeliverySummary }>(collector, `delivery?${queryOf(time)}`)).delivery;
}
