/** The attribution tab's tables of timing: long tasks, navigation phases and resources. */
import type { LongTaskSummary, NavigationPhase, ResourceSummary } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatBytes, formatMs, formatShare } from './format.js';
import { cell, numberCell, tableRows } from './tableRows.js';

/** Navigation phases in the order a page load goes through them; others after, by name. */
const PHASE_ORDER = ['redirect', 'cache', 'dns', 'connect', 'tls', 'request', 'response', 'dom', 'domContentLoaded', 'subresources', 'load'];

export function renderLongTasks(tasks: LongTaskSummary[]): HTMLTableRowElement[] {
  return tableRows(
    tasks.map((task) => [
      cell([element('div', {}, task.url), task.route && element('div', { className: 'muted' }, `route ${task.route}`)]),
      cell(`${task.name}${task.container ? ` · ${task.container}` : ''}`, 'muted'),
      numberCell(task.count),
      numberCell(formatMs(task.blocking), task.blocking),
      numberCell(formatMs(task.p75), task.p75),
      numberCell(formatMs(task.max), task.max),
    ]),
    6,
    'No long tasks: no task held the main thread for 50 ms or more.',
  );
}

export function renderNavigation(phases: NavigationPhase[]): HTMLTableRowElement[] {
  const rank = (phase: string) => (PHASE_ORDER.includes(phase) ? PHASE_ORDER.indexOf(phase) : PHASE_ORDER.length);
  return tableRows(
    [...phases]
      .sort((a, b) => rank(a.phase) - rank(b.phase) || a.phase.localeCompare(b.phase))
      .map((phase) => [
        cell(phase.phase),
        numberCell(phase.count),
        numberCell(formatMs(phase.p50), phase.p50),
        numberCell(formatMs(phase.p75), phase.p75),
        numberCell(formatMs(phase.p95), phase.p95),
      ]),
    5,
  );
}

/** Whether an origin is the page's own (first party): the filtered page's origin, or any page's seen. */
const partyOf = (origin: string, firstParty: ReadonlySet<string>) => (firstParty.has(origin) ? 'first party' : origin === 'other' ? 'other' : 'third party');

export function renderOrigins(resources: ResourceSummary, firstParty: ReadonlySet<string>): HTMLTableRowElement[] {
  return tableRows(
    resources.byOrigin.map((origin) => [
      cell(origin.origin),
      cell(partyOf(origin.origin, firstParty), 'muted'),
      numberCell(origin.count),
      numberCell(formatBytes(origin.transfer), origin.transfer),
      numberCell(formatMs(origin.duration), origin.duration),
    ]),
    5,
  );
}

/** First- against third-party share of requests and bytes, as a bar with its words beside it. */
export function renderPartyShare(resources: ResourceSummary, firstParty: ReadonlySet<string>): Node[] {
  const total = { count: 0, transfer: 0 };
  const first = { count: 0, transfer: 0 };
  for (const origin of resources.byOrigin) {
    total.count += origin.count;
    total.transfer += origin.transfer;
    if (firstParty.has(origin.origin)) {
      first.count += origin.count;
      first.transfer += origin.transfer;
    }
  }
  if (total.count === 0) return [element('p', { className: 'empty' }, 'No resource timing yet.')];
  const share = first.transfer / (total.transfer || 1);
  return [
    element('div', { className: 'share party' }, element('span', { width: `${share * 100}%` })),
    element(
      'p',
      { className: 'card-sub' },
      `first party: ${formatShare(first.count / total.count)} of requests, ${formatShare(share)} of bytes · third party: ${formatShare(1 - first.count / total.count)} of requests, ${formatShare(1 - share)} of bytes`,
    ),
  ];
}

export function renderResourceTypes(resources: ResourceSummary): HTMLTableRowElement[] {
  return tableRows(
    resources.byType.map((type) => [
      cell(type.type),
      numberCell(type.count),
      numberCell(formatBytes(type.transfer), type.transfer),
      numberCell(formatShare(type.count ? type.cached / type.count : 0), type.count ? type.cached / type.count : 0),
      numberCell(formatMs(type.duration), type.duration),
    ]),
    5,
  );
}

export function renderSlowest(resources: ResourceSummary): HTMLTableRowElement[] {
  return tableRows(
    resources.slowest.map((resource) => [
      cell(element('span', { className: 'source' }, resource.url)),
      cell(resource.initiator, 'muted'),
      numberCell(resource.count),
      numberCell(formatMs(resource.p75), resource.p75),
      numberCell(formatMs(resource.max), resource.max),
    ]),
    5,
  );
}

export function renderBlocking(resources: ResourceSummary): HTMLTableRowElement[] {
  return tableRows(
    resources.renderBlocking.map((resource) => [cell(element('span', { className: 'source' }, resource.url)), numberCell(resource.views)]),
    2,
    'No render-blocking resources.',
  );
}
