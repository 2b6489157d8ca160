const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Time ranges the filter bar offers, each the last so many ms before now; `all` has no start. */
export const RANGES: Record<string, number | undefined> = {
  '1h': HOUR_MS,
  '24h': DAY_MS,
  '7d': 7 * DAY_MS,
  '30d': 30 * DAY_MS,
  all: undefined,
};
const DEFAULT_RANGE = '7d';

/** The view filters, named as in the query API's querystring. */
export const VIEW_FILTERS = ['page', 'release', 'device', 'browser', 'connection', 'tag'] as const;
export type ViewFilter = (typeof VIEW_FILTERS)[number];
/** The ones profiles are stored with (device, browser and connection are not). */
export const PROFILE_FILTERS: readonly ViewFilter[] = ['page', 'release'];

export type Filters = { range: string } & Partial<Record<ViewFilter, string>>;

/** The filters of a dashboard URL's query string, so a shared link opens the same view. */
export function readFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const range = params.get('range') ?? DEFAULT_RANGE;
  const filters: Filters = { range: range in RANGES ? range : DEFAULT_RANGE };
  for (const key of VIEW_FILTERS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** `search` with the filters written over it (other parameters kept, unset filters removed). */
export function writeFilters(search: string, filters: Filters): string {
  const params = new URLSearchParams(search);
  if (filters.range === DEFAULT_RANGE) params.delete('range');
  else params.set('range', filters.range);
  for (const key of VIEW_FILTERS) {
    const value = filters[key];
    if (value) params.set(key, value);
    else params.delete(key);
  }
  return params.toString();
}

/**
 * The start of a range before `now`. A range of a day or more starts at a whole hour (reaching back
 * up to 59 minutes more), as its trend's hourly buckets do: the collector then answers it from its
 * hourly summaries alone, where a start inside an hour has that hour's events read one by one
 * (at 10M stored events, 50–200 ms a section of the overview).
 */
const rangeStart = (span: number, now: number) => (span >= DAY_MS ? Math.floor((now - span) / HOUR_MS) * HOUR_MS : now - span);

/** The query API's parameters for the filters at `now`; `only` limits them to what a route stores. */
export function apiParams(filters: Filters, now: number, only: readonly ViewFilter[] = VIEW_FILTERS): URLSearchParams {
  const params = new URLSearchParams();
  const span = RANGES[filters.range];
  if (span !== undefined) params.set('from', String(rangeStart(span, now)));
  for (const key of only) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params;
}
