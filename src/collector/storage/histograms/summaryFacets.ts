import type { QueryFilters } from '../Storage.js';

/**
 * The hourly summaries are kept for every view of a site (facet '') and for each value of each view
 * filter alone: a query with no view filter, or with one, reads them; a route, a tag or two view
 * filters at once read the events (the combinations would be as many rows as the events themselves).
 */
const SUMMARY_FACETS = { page: 'page', release: 'release', device: 'device', browser: 'browser', connection: 'connection' } as const;

type Summarized = keyof typeof SUMMARY_FACETS;
export type SummaryFacet = { facet: '' | (typeof SUMMARY_FACETS)[Summarized]; value: string };

const isSummarized = (filter: string): filter is Summarized => filter in SUMMARY_FACETS;

/** The summaries that answer these filters, or undefined when only the events can. */
export function summaryFacet(filters: QueryFilters): SummaryFacet | undefined {
  const { from: _from, to: _to, ...others } = filters;
  const set = Object.entries(others).filter(([, value]) => value !== undefined);
  if (set.length === 0) return { facet: '', value: '' };
  const [[filter, value] = []] = set;
  return set.length === 1 && filter !== undefined && isSummarized(filter) ? { facet: SUMMARY_FACETS[filter], value: String(value) } : undefined;
}

/** The summaries a view's values go to: every view's, and one per filter value it has. */
export function viewFacets(view: {
  url: string;
  release: string | null;
  deviceClass: string | null;
  browser: string | null;
  connection: string | null;
}): SummaryFacet[] {
  const facets: SummaryFacet[] = [
    { facet: '', value: '' },
    { facet: 'page', value: view.url },
  ];
  for (const [facet, value] of [
    ['release', view.release],
    ['device', view.deviceClass],
    ['browser', view.browser],
    ['connection', view.connection],
  ] as const) {
    if (value !== null) facets.push({ facet, value });
  }
  return facets;
}
