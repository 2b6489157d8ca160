import type { Storage } from '../../src/collector/storage/Storage.js';
import type { ViewEvent } from '../../src/protocol/queryRoutes.js';

/** An event as storage answers it for its page view, with the view's id and the event's epoch time. */
export type SiteEvent = ViewEvent & { viewId: string; at: number };

/** Every event storage holds of a site (up to 500 page views), read through its page views, as the query API reads them. */
export async function siteEvents(storage: Storage, site: string): Promise<SiteEvent[]> {
  const views = await storage.recentViews(site, {}, 500);
  const details = await Promise.all(views.map((view) => storage.view(site, view.id, 0, 1000)));
  return details.flatMap((detail) =>
    detail ? detail.events.map((event) => ({ ...event, viewId: detail.view.id, at: Math.round(detail.view.startedAt + event.start) })) : [],
  );
}
