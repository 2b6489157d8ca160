import type { Facets } from '../protocol/queryApi.js';
import { element } from './element.js';
import { RANGES, VIEW_FILTERS, type Filters, type ViewFilter } from './filters.js';
import { replaceIfChanged } from './replaceIfChanged.js';

const RANGE_LABELS: Record<string, string> = { '1h': 'Last hour', '24h': 'Last 24 hours', '7d': 'Last 7 days', '30d': 'Last 30 days', all: 'All time' };
const FILTERS: Record<ViewFilter, { label: string; all: string; facet: keyof Facets }> = {
  page: { label: 'Page', all: 'All pages', facet: 'pages' },
  release: { label: 'Release', all: 'All releases', facet: 'releases' },
  device: { label: 'Device', all: 'All devices', facet: 'devices' },
  browser: { label: 'Browser', all: 'All browsers', facet: 'browsers' },
  connection: { label: 'Connection', all: 'All connections', facet: 'connections' },
  tag: { label: 'Tag', all: 'All tags', facet: 'tags' },
};

function option(value: string, label: string): HTMLOptionElement {
  const node = element('option', {}, label);
  node.value = value;
  return node;
}

/**
 * The filter bar: a time range and a menu per view filter, offering the values the collector has
 * seen in that range (a value from a shared link stays selectable before any data has it).
 */
export function createFilterBar(form: HTMLFormElement, onChange: (filters: Filters) => void): { show(filters: Filters, facets?: Facets): void } {
  const range = element('select', { title: 'Time range' }, ...Object.keys(RANGES).map((key) => option(key, RANGE_LABELS[key] ?? key)));
  range.name = 'range';
  const menus = VIEW_FILTERS.map((key) => {
    const menu = element('select', { title: FILTERS[key].label });
    menu.name = key;
    return [key, menu] as const;
  });
  form.replaceChildren(
    element('label', {}, element('span', {}, 'Time'), range),
    ...menus.map(([key, menu]) => element('label', {}, element('span', {}, FILTERS[key].label), menu)),
  );

  const read = (): Filters => {
    const filters: Filters = { range: range.value };
    for (const [key, menu] of menus) if (menu.value) filters[key] = menu.value;
    return filters;
  };
  form.addEventListener('change', () => onChange(read()));
  form.addEventListener('submit', (event) => event.preventDefault());

  let known: Facets | undefined;
  return {
    show(filters, facets = known) {
      known = facets;
      range.value = filters.range;
      for (const [key, menu] of menus) {
        const current = filters[key] ?? '';
        const values = facets?.[FILTERS[key].facet] ?? [];
        const offered = current && !values.includes(current) ? [current, ...values] : values;
        replaceIfChanged(menu, offered, () => [option('', FILTERS[key].all), ...offered.map((value) => option(value, value))]);
        menu.value = current;
      }
    },
  };
}
