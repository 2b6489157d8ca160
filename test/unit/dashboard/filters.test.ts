import { describe, expect, it } from 'vitest';
import { apiParams, PROFILE_FILTERS, readFilters, writeFilters } from '../../../src/dashboard/filters.js';

describe('dashboard filters in the query string', () => {
  it('reads the filters of a shared link, ignoring unknown ranges and empty values', () => {
    expect(readFilters('?site=demo&range=24h&release=web-2&device=mobile&page=')).toEqual({ range: '24h', release: 'web-2', device: 'mobile' });
    expect(readFilters('?range=forever')).toEqual({ range: '7d' });
  });

  it('writes them back over the other parameters, the default range and unset filters left out', () => {
    expect(writeFilters('site=demo&tab=profiles&release=old', { range: '7d', browser: 'Chrome' })).toBe('site=demo&tab=profiles&browser=Chrome');
    expect(writeFilters('', { range: '1h', page: 'https://shop.example/a?b=c' })).toBe('range=1h&page=https%3A%2F%2Fshop.example%2Fa%3Fb%3Dc');
  });

  it('turns them into query API parameters, the range as a start before now, and only what profiles store for them', () => {
    const filters = { range: '1h', page: '/cart', release: 'web-2', device: 'mobile', connection: '4g' };
    expect(Object.fromEntries(apiParams(filters, 10_000_000))).toEqual({
      from: '6400000',
      page: '/cart',
      release: 'web-2',
      device: 'mobile',
      connection: '4g',
    });
    expect(Object.fromEntries(apiParams(filters, 10_000_000, PROFILE_FILTERS))).toEqual({ from: '6400000', page: '/cart', release: 'web-2' });
    expect(apiParams({ range: 'all' }, 10_000_000).toString()).toBe('');
  });

  it('starts a range of a day or more at a whole hour, so that the collector answers it from hourly summaries', () => {
    const now = Date.UTC(2026, 11, 1, 22, 41, 7);
    expect(apiParams({ range: '7d' }, now).get('from')).toBe(String(Date.UTC(2026, 10, 24, 22)));
    expect(apiParams({ range: '24h' }, now).get('from')).toBe(String(Date.UTC(2026, 10, 30, 22)));
    expect(apiParams({ range: '1h' }, now).get('from')).toBe(String(Date.UTC(2026, 11, 1, 21, 41, 7)));
  });
});
