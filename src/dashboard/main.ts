import { createHistogramChart } from './charts/createHistogramChart.js';
import { createTrendChart } from './charts/createTrendChart.js';
import { createApi } from './createApi.js';
import { createFilterBar } from './createFilterBar.js';
import { createTableControls } from './createTableControls.js';
import { createTabs } from './createTabs.js';
import { downloadExport } from './downloadExport.js';
import { apiParams, PROFILE_FILTERS, readFilters, writeFilters } from './filters.js';
import { createFlameGraph } from './flame/createFlameGraph.js';
import { VITAL_NAMES } from './rateVital.js';
import { readToken, saveToken } from './readToken.js';
import { refreshDelay } from './refreshDelay.js';
import { reportProblem, reportRefreshed } from './reportProblem.js';
import { showAttribution } from './showAttribution.js';
import { showFirstRun } from './showFirstRun.js';
import { showOverview, type OverviewView } from './showOverview.js';
import { showProfiles, targetParams, type ChosenInteraction } from './showProfiles.js';
import { tableControls } from './showSection.js';
import { showReleases, type ChosenReleases } from './showReleases.js';
import { showView } from './showView.js';

/**
 * The dashboard page: the filter bar and five tabs (overview, attribution, one page view, profiles, releases),
 * refreshed every few seconds (less often when the collector's queries are slow: refreshDelay).
 * What is shown (tab, filters, vital, page view, profile target) lives in the query string so a
 * link shares the view; the read token never does (readToken).
 */
const TABS = ['overview', 'attribution', 'view', 'profiles', 'releases'] as const;
type Tab = (typeof TABS)[number];
/** While the site has no page view yet, the first-run check runs this often. */
const FIRST_RUN_MS = 2000;

// First, so a token in the fragment is taken before the URL is rewritten below.
readToken();
const search = new URLSearchParams(location.search);
const site = search.get('site') ?? 'demo';
const api = createApi(site, readToken);
let filters = readFilters(location.search);
let tab: Tab = TABS.find((name) => name === search.get('tab')) ?? 'overview';
let target = search.get('target') ?? 'window:';
let vital = VITAL_NAMES.find((name) => name === search.get('vital')) ?? 'LCP';
let viewId = search.get('view') ?? undefined;
const compared: ChosenReleases = { base: search.get('base') ?? undefined, head: search.get('head') ?? undefined };
let interaction: ChosenInteraction | undefined =
  Number(search.get('interaction')) > 0 ? { id: Number(search.get('interaction')), view: search.get('interactionView') ?? '' } : undefined;

const byId = (id: string) => document.getElementById(id);
const orDiv = (id: string) => byId(id) ?? document.createElement('div');
const flameGraph = createFlameGraph(orDiv('flame'));
const differentialFlame = createFlameGraph(orDiv('release-flame'), { sandwich: false, label: 'Differential flame graph' });
const filterBar = createFilterBar((byId('filters') as HTMLFormElement | null) ?? document.createElement('form'), (next) => {
  filters = next;
  changed();
});
const tabs = createTabs(orDiv('tabs'), TABS, (name) => {
  tab = name;
  changed();
});
for (const id of [
  'pages',
  'views',
  'interactions',
  'scripts',
  'measures',
  'longtasks',
  'navigation',
  'origins',
  'resource-types',
  'slowest',
  'render-blocking',
  'functions',
  'targets-LCP',
  'targets-CLS',
  'targets-INP',
]) {
  const table = byId(id);
  const box = byId(`${id}-search`);
  if (table instanceof HTMLTableElement) tableControls.set(table, createTableControls(table, box instanceof HTMLInputElement ? box : undefined));
}

const openView = (id: string) => {
  viewId = id;
  tab = 'view';
  changed();
};
const showProfile = (name: string, page: string, id: number | undefined, view: string) => {
  filters = { ...filters, page };
  target = `interaction:${name}`;
  interaction = id ? { id, view } : undefined;
  tab = 'profiles';
  changed();
};
const overview: OverviewView = {
  trend: createTrendChart(orDiv('trend')),
  histogram: createHistogramChart(orDiv('histogram')),
  measureCharts: new Map(),
  links: {
    filterByPage(page) {
      filters = { ...filters, page };
      changed();
    },
    chooseVital(name) {
      vital = name;
      changed();
    },
    showProfile,
    openView,
  },
};

function saveUrl(): void {
  const params = new URLSearchParams(writeFilters(location.search, filters));
  const set = (key: string, value: string | undefined, fallback?: string) => (value && value !== fallback ? params.set(key, value) : params.delete(key));
  set('tab', tab, 'overview');
  set('target', target, 'window:');
  set('vital', vital, 'LCP');
  set('view', viewId);
  set('interaction', interaction && String(interaction.id));
  set('interactionView', interaction?.view);
  set('base', compared.base);
  set('head', compared.head);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}`);
}

function showTab(): void {
  tabs.select(tab);
  // Profiles are stored with page and release, not the view's device, browser, connection or tags.
  const note = byId('profile-note');
  if (note) note.hidden = !(filters.device || filters.browser || filters.connection || filters.tag);
  for (const name of ['trend-title', 'histogram-title']) {
    const title = byId(name);
    if (title) title.textContent = `${vital} ${name === 'trend-title' ? 'over time' : 'distribution'}`;
  }
}

function changed(): void {
  saveUrl();
  showTab();
  filterBar.show(filters);
  void update();
}

let hasData = false;
let firstView: number | undefined;

async function refresh(): Promise<void> {
  const now = Date.now();
  const params = apiParams(filters, now);
  const facets = api.get('facets', apiParams({ range: filters.range }, now)).then((answer) => answer.facets);
  const tabWork: Record<Tab, () => Promise<void>> = {
    overview: () =>
      showOverview(
        api,
        params,
        { vital, rangeStart: params.has('from') ? Number(params.get('from')) : undefined, releases: api.get('releases').then((answer) => answer.releases) },
        overview,
      ),
    attribution: async () => showAttribution(api, params, (await facets).pages),
    view: () => showView(api, viewId, showProfile),
    profiles: () => showProfiles(api, apiParams(filters, now, PROFILE_FILTERS), target, interaction, flameGraph),
    releases: () => showReleases(api, params, compared, differentialFlame),
  };
  const [known] = await Promise.all([hasData ? true : showFirstRun(api, site), tabWork[tab](), facets.then((values) => filterBar.show(filters, values))]);
  hasData = known;
  reportRefreshed();
  // Measured once: from navigation start until every section of the first view had its data.
  if (firstView === undefined) {
    firstView = performance.now();
    performance.measure('pageprof: first view with every section', { start: 0, end: firstView });
    document.documentElement.dataset.firstViewMs = String(Math.round(firstView));
  }
}

// One refresh at a time: a change during one is picked up by one more right after it.
let running: Promise<void> | undefined;
let again = false;
let lastRefreshMs = 0;
let askingForToken = false;
async function update(): Promise<void> {
  if (running) {
    again = true;
    return;
  }
  do {
    again = false;
    const started = performance.now();
    running = refresh().catch((error: unknown) => {
      askingForToken = reportProblem(error, site) || askingForToken;
    });
    await running;
    lastRefreshMs = performance.now() - started;
  } while (again);
  running = undefined;
}

byId('auth')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const input = byId('token');
  if (input instanceof HTMLInputElement && input.value.trim() !== '') saveToken(input.value.trim());
  location.reload();
});
byId('target')?.addEventListener('change', (event) => {
  if (event.target instanceof HTMLSelectElement) target = event.target.value;
  interaction = undefined;
  changed();
});
for (const side of ['base', 'head'] as const) {
  byId(`release-${side}`)?.addEventListener('change', (event) => {
    if (event.target instanceof HTMLSelectElement) compared[side] = event.target.value;
    changed();
  });
}
byId('exports')?.addEventListener('click', (event) => {
  const format = event.target instanceof HTMLElement ? event.target.dataset.format : undefined;
  if (format === 'speedscope' || format === 'pprof' || format === 'folded') {
    downloadExport(api, targetParams(apiParams(filters, Date.now(), PROFILE_FILTERS), target, interaction), format).catch((error: unknown) =>
      reportProblem(error, site),
    );
  }
});

const siteLabel = byId('site');
if (siteLabel) siteLabel.textContent = site;
saveUrl();
showTab();
filterBar.show(filters);
void update();
// A dashboard left in a background tab does not keep the collector's database busy; one waiting
// for its token does not ask again and again; one waiting for its first beacon looks more often.
const visible = () => document.visibilityState !== 'hidden' && !askingForToken;
const refreshLater = () =>
  setTimeout(
    async () => {
      if (visible()) await update();
      refreshLater();
    },
    hasData ? refreshDelay(lastRefreshMs) : FIRST_RUN_MS,
  );
refreshLater();
document.addEventListener('visibilitychange', () => visible() && void update());
