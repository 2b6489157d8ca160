import type { QueryFilters } from './storage/Storage.js';

const text = { type: 'string', minLength: 1, maxLength: 1024 } as const;

/** Querystring schema shared by the query API's routes: time range and view context filters. */
export const filterProperties = {
  from: { type: 'integer', minimum: 0 },
  to: { type: 'integer', minimum: 0 },
  page: text,
  route: { ...text, maxLength: 256 },
  release: { ...text, maxLength: 128 },
  device: { type: 'string', enum: ['mobile', 'tablet', 'desktop'] },
  connection: { ...text, maxLength: 16 },
  browser: { ...text, maxLength: 32 },
} as const;

export interface FilterQuery {
  from?: number;
  to?: number;
  page?: string;
  route?: string;
  release?: string;
  device?: string;
  connection?: string;
  browser?: string;
}

/** The filters of a validated querystring (its other parameters left out) as storage filters. */
export function queryFilters({ from, to, page, route, release, device, connection, browser }: FilterQuery): QueryFilters {
  return { from, to, page, route, release, deviceClass: device, connection, browser };
}
