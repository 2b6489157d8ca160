import type { Api } from './createApi.js';
import { VITAL_NAMES } from './rateVital.js';
import { renderInteractions } from './renderInteractions.js';
import { renderMeasures } from './renderMeasures.js';
import { renderPages } from './renderPages.js';
import { renderScripts } from './renderScripts.js';
import { renderViews } from './renderViews.js';
import { renderVitals } from './renderVitals.js';
import { replaceIfChanged } from './replaceIfChanged.js';

const section = (selector: string) => document.querySelector(selector) ?? document.createElement('div');

/** The overview: every section asked with the same filters at once, each redrawn only if its data changed. */
export async function showOverview(
  api: Api,
  params: URLSearchParams,
  bucketMs: number,
  links: { filterByPage(url: string): void; showProfile(name: string, url: string): void },
): Promise<void> {
  const withParams = (extra: Record<string, string>) => {
    const query = new URLSearchParams(params);
    for (const [key, value] of Object.entries(extra)) query.set(key, value);
    return query;
  };
  const limited = (limit: number) => withParams({ limit: String(limit) });
  const series = (vital: string) =>
    api.get('vitals/series', withParams({ vital, bucket: String(bucketMs) })).then((answer) => [vital, answer.series] as const);
  const [{ vitals }, { pages }, { interactions }, { scripts }, { measures }, { views }, trendList] = await Promise.all([
    api.get('vitals', params),
    api.get('pages', limited(20)),
    api.get('interactions', limited(10)),
    api.get('scripts', limited(10)),
    api.get('measures', params),
    api.get('views', limited(20)),
    Promise.all(VITAL_NAMES.map(series)),
  ]);
  const trends = Object.fromEntries(trendList);
  replaceIfChanged(section('#vitals'), [vitals, trends], () => renderVitals(vitals, trends));
  replaceIfChanged(section('#pages tbody'), pages, () => renderPages(pages, links.filterByPage));
  replaceIfChanged(section('#interactions tbody'), interactions, () => renderInteractions(interactions, links.showProfile));
  replaceIfChanged(section('#scripts tbody'), scripts, () => renderScripts(scripts));
  replaceIfChanged(section('#measures tbody'), measures, () => renderMeasures(measures));
  replaceIfChanged(section('#views tbody'), views, () => renderViews(views));
}
