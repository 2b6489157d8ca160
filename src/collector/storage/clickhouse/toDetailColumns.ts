import type { PerfEvent, ResourcesEvent } from '../../../protocol/beacon.js';
import type { Row } from './Row.js';

/** The attribution field that names a vital's element, for the vitals that have one. */
const ELEMENT_FIELD: Partial<Record<string, string>> = { LCP: 'target', CLS: 'largestShiftTarget', INP: 'interactionTarget' };

/** A record of resource totals as the parallel arrays of a Nested column (migration 3). */
function statColumns(column: string, stats: ResourcesEvent['byType']): Row {
  const entries = Object.entries(stats);
  return {
    [`${column}.name`]: entries.map(([name]) => name),
    [`${column}.count`]: entries.map(([, stat]) => stat.count),
    [`${column}.transfer`]: entries.map(([, stat]) => stat.transfer),
    [`${column}.decoded`]: entries.map(([, stat]) => stat.decoded),
    [`${column}.cached`]: entries.map(([, stat]) => stat.cached),
    [`${column}.duration`]: entries.map(([, stat]) => stat.duration),
  };
}

/**
 * The fields of an event that the detail queries group by or sum, as the columns of migration 3:
 * what SQLite reads from the JSON with json_each and ->>, which 18.16 cannot. Other events leave
 * them to their defaults (NULL, empty arrays).
 */
export function toDetailColumns(event: PerfEvent): Row {
  switch (event.type) {
    case 'vital': {
      const field = ELEMENT_FIELD[event.name];
      const element = field === undefined ? undefined : event.attribution[field];
      // As SQLite's ->> answers a path: a string as it is, anything else as its JSON.
      return element === undefined ? {} : { target: typeof element === 'string' ? element : JSON.stringify(element) };
    }
    case 'longtask':
      return { container: event.container ?? null };
    case 'navigation':
      return { 'phases.name': Object.keys(event.phases), 'phases.ms': Object.values(event.phases) };
    case 'resources':
      return {
        ...statColumns('by_type', event.byType),
        ...statColumns('by_origin', event.byOrigin),
        render_blocking: event.renderBlocking,
        'slowest.url': event.slowest.map((resource) => resource.url),
        'slowest.initiator': event.slowest.map((resource) => resource.initiator),
        'slowest.duration': event.slowest.map((resource) => resource.duration),
      };
    default:
      return {};
  }
}
