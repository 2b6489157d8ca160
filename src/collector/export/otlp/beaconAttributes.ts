import type { AcceptedBeacon } from '../../../protocol/beacon.js';
import { scrubPath } from '../../../protocol/scrubPath.js';

/** Attributes of an exported metric point or log record: strings only, none of them unbounded. */
export type Attributes = Record<string, string>;

/**
 * The page an event happened on: its SPA route, else the view URL's path scrubbed of ids. Never the
 * raw URL: its query strings and ids would give each page view a time series of its own.
 */
function pageOf(route: string | undefined, url: string): string {
  if (route) return scrubPath(route);
  try {
    return scrubPath(new URL(url).pathname);
  } catch {
    return '(unknown)';
  }
}

/** What a metric point or log record of one of the beacon's events is keyed by. */
export function beaconAttributes(beacon: AcceptedBeacon, route: string | undefined): Attributes {
  const { view } = beacon;
  return {
    site: beacon.site,
    route: pageOf(route, view.url),
    ...(view.release === undefined ? {} : { release: view.release }),
    ...(view.deviceClass === undefined ? {} : { device: view.deviceClass }),
    ...(view.browser === undefined ? {} : { browser: view.browser }),
  };
}
