import { createApi, Unauthorized } from './createApi.js';
import { createFilterBar } from './createFilterBar.js';
import { createFlameGraph } from './createFlameGraph.js';
import { downloadExport } from './downloadExport.js';
import { apiParams, bucketOf, PROFILE_FILTERS, readFilters, writeFilters, type Filters } from './filters.js';
import type { Facets } from '../protocol/queryApi.js';
import { readToken, saveToken } from './readToken.js';
import { refreshDelay } from './refreshDelay.js';
import { showOverview } from './showOverview.js';
import { showProfiles, targetParams } from './showProfiles.js';

/**
 * The dashboard page: the filter bar, the overview and the profiles tab, refreshed every few
 * seconds (less often when the collector's queries are slow: refreshDelay). What is shown (tab,
 * filters, profile target) lives in the query string so a link shares the view; the read token
 * never does (readToken).
 */
type Tab = 'overview' | 'profiles';

// First, so a token in the fragment is taken before the URL is rewritten below.
readToken();
const search = new URLSearchParams(location.search);
const site = search.get('site') ?? 'demo';
const api = createApi(site, readToken);
let filters = readFilters(location.search);
let tab: Tab = search.get('tab') === 'profiles' ? 'profiles' : 'overview';
let target = search.get('target') ?? 'window:';

const byId = (id: string) => document.getElementById(id);
const status = byId('status');
const flameGraph = createFlameGraph(byId('flame') ?? document.createElement('div'));
const filterBar = createFilterBar((byId('filters') as HTMLFormElement | null) ?? document.createElement('form'), (next) => {
  filters = next;
  changed();
});

function saveUrl(): void {
  const params = new URLSearchParams(writeFilters(location.search, filters));
  if (tab === 'overview') params.delete('tab');
  else params.set('tab', tab);
  if (target === 'window:') params.delete('target');
  else params.set('target', target);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

function showTab(): void {
  for (const name of ['overview', 'profiles'] as const) {
    const panel = byId(name);
    if (panel) panel.hidden = name !== tab;
    byId(`tab-${name}`)?.setAttribute('aria-selected', String(name === tab));
  }
  // Profiles are stored with page and release, not the view's device, browser or connection.
  const note = byId('profile-note');
  if (note) note.hidden = !(filters.device || filters.browser || filters.connection);
}

function changed(): void {
  saveUrl();
  showTab();
  filterBar.show(filters);
  void update();
}

/** Without a valid token the dashboard asks for one instead of showing empty tables. */
let askingForToken = false;
function askForToken(): void {
  askingForToken = true;
  const form = byId('auth');
  if (form instanceof HTMLFormElement) form.hidden = false;
}

function report(error: unknown): void {
  if (error instanceof Unauthorized) return askForToken();
  if (status) {
    status.textContent = `Refresh failed: ${error instanceof Error ? error.message : String(error)}`;
    status.className = 'error';
  }
}

async function refresh(): Promise<void> {
  const now = Date.now();
  const params = apiParams(filters, now);
  const [{ facets }] = await Promise.all([
    api.get('facets', apiParams({ range: filters.range }, now)),
    tab === 'overview'
      ? showOverview(api, params, bucketOf(filters), {
          filterByPage(page) {
            filters = { ...filters, page };
            changed();
          },
          showProfile(name, page) {
            filters = { ...filters, page };
            target = `interaction:${name}`;
            tab = 'profiles';
            changed();
          },
        })
      : showProfiles(api, apiParams(filters, now, PROFILE_FILTERS), target, flameGraph),
  ]);
  filterBar.show(filters, facets);
  if (status) {
    status.textContent = `refreshed ${new Date().toLocaleTimeString()}`;
    status.className = '';
  }
}

// One refresh at a time: a change during one is picked up by one more right after it.
let running: Promise<void> | undefined;
let again = false;
async function update(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  do {
    again = false;
    const started = performance.now();
    running = refresh().catch(report);
    await running;
    lastRefreshMs = performance.now() - started;
  } while (again);
  running = undefined;
}
let lastRefreshMs = 0;

byId('auth')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId('token');
  if (input instanceof HTMLInputElement && input.value.trim() !== '') saveToken(input.value.trim());
  location.reload();
});
for (const name of ['overview', 'profiles'] as const) {
  byId(`tab-${name}`)?.addEventListener('click', () => {
    tab = name;
    changed();
  });
}
byId('target')?.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement) target = event.target.value;
  changed();
});
byId('exports')?.addEventListener('click', (event) => {
  const format = event.target instanceof HTMLElement ? event.target.dataset.format : undefined;
  if (format === 'speedscope' || format === 'pprof' || format === 'folded') {
    downloadExport(api, targetParams(apiParams(filters, Date.now(), PROFILE_FILTERS), target), format).catch(report);
  }
});

const siteLabel = byId('site');
if (siteLabel) siteLabel.textContent = site;
saveUrl();
showTab();
filterBar.show(filters);
void update();
// A dashboard left in a background tab does not keep the collector's database busy; one waiting
// for its token does not ask again and again.
const visible = () => document.visibilityState !== 'hidden' && !askingForToken;
const refreshLater = () =>
  setTimeout(async () => {
    if (visible()) await update();
    refreshLater();
  }, refreshDelay(lastRefreshMs));
refreshLater();
document.addEventListener('visibilitychange', () => visible() && void update());
