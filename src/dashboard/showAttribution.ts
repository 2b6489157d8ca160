import type { Api } from './createApi.js';
import {
  renderBlocking,
  renderLongTasks,
  renderNavigation,
  renderOrigins,
  renderPartyShare,
  renderResourceTypes,
  renderSlowest,
} from './renderAttributionTables.js';
import { renderVitalTargets } from './renderVitalTargets.js';
import { showSection } from './showSection.js';

/** The vitals whose attribution names an element (the protocol's ELEMENT_VITALS, which comes with its schemas' library). */
const ELEMENT_VITALS = ['LCP', 'CLS', 'INP'] as const;

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
};

/**
 * Attribution: the elements behind LCP, CLS and INP, long tasks, navigation phases and resources,
 * first party (the origins of the site's own pages: the filtered page's, or every page seen) against
 * third. Each section is drawn as soon as its answer is there.
 */
export async function showAttribution(api: Api, params: URLSearchParams, pages: readonly string[]): Promise<void> {
  const limited = (limit: number) => {
    const query = new URLSearchParams(params);
    query.set('limit', String(limit));
    return query;
  };
  const page = params.get('page');
  const firstParty = new Set((page ? [page] : pages).map(originOf).filter(Boolean));
  const targets = api.get('vitals/targets', limited(10));
  const resources = api.get('resources', limited(10));
  await Promise.all([
    ...ELEMENT_VITALS.map((vital) =>
      showSection(
        `#targets-${vital} tbody`,
        targets,
        ({ targets: list }) => list.filter((target) => target.vital === vital),
        ({ targets: list }) => renderVitalTargets(vital, list),
      ),
    ),
    showSection(
      '#longtasks tbody',
      api.get('longtasks', limited(20)),
      ({ longtasks }) => longtasks,
      ({ longtasks }) => renderLongTasks(longtasks),
    ),
    showSection(
      '#navigation tbody',
      api.get('navigation', params),
      ({ phases }) => phases,
      ({ phases }) => renderNavigation(phases),
    ),
    showSection(
      '#party-share',
      resources,
      ({ resources: summary }) => [summary.byOrigin, [...firstParty]],
      ({ resources: summary }) => renderPartyShare(summary, firstParty),
    ),
    showSection(
      '#origins tbody',
      resources,
      ({ resources: summary }) => [summary.byOrigin, [...firstParty]],
      ({ resources: summary }) => renderOrigins(summary, firstParty),
    ),
    showSection(
      '#resource-types tbody',
      resources,
      ({ resources: summary }) => summary.byType,
      ({ resources: summary }) => renderResourceTypes(summary),
    ),
    showSection(
      '#slowest tbody',
      resources,
      ({ resources: summary }) => summary.slowest,
      ({ resources: summary }) => renderSlowest(summary),
    ),
    showSection(
      '#render-blocking tbody',
      resources,
      ({ resources: summary }) => summary.renderBlocking,
      ({ resources: summary }) => renderBlocking(summary),
    ),
  ]);
}
