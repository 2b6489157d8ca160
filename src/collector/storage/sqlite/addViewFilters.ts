import type { QueryFilters } from '../Storage.js';

/**
 * The filters on a page view's context columns (`v`), the same for queries over events and over
 * views. The page is not among them: events carry their page's id, so each query filters by it itself.
 */
const VIEW_COLUMNS = [
  ['v.release = ?', 'release'],
  ['v.device_class = ?', 'device'],
  ['v.connection = ?', 'connection'],
  ['v.browser = ?', 'browser'],
  // `name:value`, as the tag's facet lists it.
  ["EXISTS (SELECT 1 FROM json_each(v.context, '$.tags') t WHERE t.key || ':' || t.value = ?)", 'tag'],
] as const;

/** Adds the view filters that are set; true when there was one (a query over events then needs its views). */
export function addViewFilters(add: (clause: string, value: unknown) => void, filters: QueryFilters): boolean {
  for (const [clause, filter] of VIEW_COLUMNS) add(clause, filters[filter]);
  return hasViewFilters(filters);
}

export const hasViewFilters = (filters: QueryFilters): boolean => VIEW_COLUMNS.some(([, filter]) => filters[filter] !== undefined);
