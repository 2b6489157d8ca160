import type { ReleaseSpan } from '../protocol/queryApi.js';
import type { Api } from './createApi.js';
import { element } from './element.js';
import type { FlameGraph } from './flame/createFlameGraph.js';
import { formatMs } from './format.js';
import { msUnit, renderFunctionComparisons, renderMetricComparisons, vitalUnit } from './renderComparisons.js';
import { replaceIfChanged } from './replaceIfChanged.js';
import { showSection } from './showSection.js';

/** Functions listed: the regressions come first, and the rest by the size of their change. */
const FUNCTIONS_SHOWN = 20;

/** The two releases compared: chosen in the view's menus, else the latest two by first page view. */
export interface ChosenReleases {
  base?: string;
  head?: string;
}

function fillMenu(menu: Element | null, releases: ReleaseSpan[], chosen: string): void {
  if (!(menu instanceof HTMLSelectElement)) return;
  replaceIfChanged(
    menu,
    releases.map((release) => release.release),
    () => releases.map((release) => element('option', {}, release.release)),
  );
  menu.value = chosen;
}

/**
 * Releases: two releases' vitals and measures side by side with their verdicts (the compare
 * route), the head's call tree against the base's as a differential flame graph, and the functions
 * by verdict, regressions first, with file and line.
 */
export async function showReleases(api: Api, params: URLSearchParams, chosen: ChosenReleases, flameGraph: FlameGraph): Promise<void> {
  const releases = (await api.get('releases')).releases.sort((a, b) => b.firstSeen - a.firstSeen);
  const head = chosen.head ?? releases[0]?.release;
  const base = chosen.base ?? releases.find((release) => release.release !== head)?.release;
  fillMenu(document.querySelector('#release-base'), releases, base ?? '');
  fillMenu(document.querySelector('#release-head'), releases, head ?? '');
  const note = document.querySelector('#releases-note');
  if (note) note.textContent = base && head ? '' : 'Two releases are needed: page views name theirs in the snippet’s data-release.';
  if (!base || !head) return;

  const query = new URLSearchParams(params);
  query.delete('release');
  query.set('base', base);
  query.set('head', head);
  const treeOf = (release: string) => {
    const treeQuery = new URLSearchParams([
      ...['from', 'to', 'page'].flatMap((key) => (params.has(key) ? [[key, params.get(key) ?? '']] : [])),
      ['release', release],
    ]);
    return api.get('profiles/tree', treeQuery).then((answer) => answer.tree);
  };
  const comparison = api.get('compare', query);
  const [baseTree, headTree] = await Promise.all([treeOf(base), treeOf(head)]);
  flameGraph.show(headTree, baseTree);
  const profiled = document.querySelector('#release-profiled');
  if (profiled)
    profiled.textContent = `profiled: ${base} ${formatMs(baseTree.ms)}, ${head} ${formatMs(headTree.ms)}; widths are ${head}'s, colours its change per profiled second`;
  await Promise.all([
    showSection(
      '#release-vitals tbody',
      comparison,
      (answer) => answer.vitals,
      (answer) => renderMetricComparisons(answer.vitals, vitalUnit),
    ),
    showSection(
      '#release-measures tbody',
      comparison,
      (answer) => answer.measures,
      (answer) => renderMetricComparisons(answer.measures, msUnit),
    ),
    showSection(
      '#release-functions tbody',
      comparison,
      (answer) => answer.functions,
      (answer) => renderFunctionComparisons(answer.functions.slice(0, FUNCTIONS_SHOWN)),
    ),
  ]);
}
