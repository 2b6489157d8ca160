import type { QueryFilters } from '../Storage.js';

/** The filters on a page view's own columns (`v`), the same for queries over events and over views. */
export function addViewFilters(add: (clause: string, value: unknown) => void, filters: QueryFilters): void {
  add('v.url = ?', filters.page);
  add('v.release = ?', filters.release);
  add('v.device_class = ?', filters.deviceClass);
  add('v.connection = ?', filters.connection);
  add('v.browser = ?', filters.browser);
}
