import type { ViewEvent } from '../protocol/queryApi.js';
import type { Api } from './createApi.js';
import { element } from './element.js';
import { explainNoProfile } from './explainNoProfile.js';
import { replaceIfChanged } from './replaceIfChanged.js';
import { renderViewContext } from './renderViewContext.js';
import { renderTimeline } from './timeline/renderTimeline.js';
import { toTimeline } from './timeline/toTimeline.js';

/** A page view's events are read a page at a time; a view holds a few hundred at most. */
const PAGE = 1000;
const MAX_PAGES = 5;

/** The page view tab: one view's context and its timeline; an interaction on it opens its profile, or says why there is none. */
export async function showView(
  api: Api,
  id: string | undefined,
  showProfile: (name: string, url: string, interactionId: number, viewId: string) => void,
): Promise<void> {
  const context = document.querySelector('#view-context');
  const timeline = document.querySelector('#timeline');
  if (!context || !timeline) return;
  if (!id) {
    replaceIfChanged(context, 'none', () => [
      element('p', { className: 'empty' }, 'Choose a page view under “Recent page views” on the overview, or “page view” beside an interaction.'),
    ]);
    replaceIfChanged(timeline, 'none', () => []);
    return;
  }
  const query = (offset: number) => new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
  const [first, { profiles }, setup] = await Promise.all([
    api.get('views/:id', query(0), id),
    api.get('views/:id/profiles', undefined, id),
    // Only for the trace links: a view shows without them.
    api.get('setup').catch(() => undefined),
  ]);
  const events: ViewEvent[] = [...first.events];
  for (let page = 1; page < MAX_PAGES && events.length < first.total; page++) events.push(...(await api.get('views/:id', query(events.length), id)).events);
  replaceIfChanged(context, [first.view, events.filter((event) => event.type === 'route')], () => renderViewContext(first, events));
  const note = element('p', { className: 'note', data: { role: 'profile-note' } });
  note.setAttribute('role', 'status');
  replaceIfChanged(timeline, [events, profiles, setup?.traceUrl], () => [
    renderTimeline(toTimeline(events, profiles), {
      traceUrl: setup?.traceUrl,
      profile(interaction) {
        if (interaction.profiledMs > 0) showProfile(interaction.name, first.view.url, interaction.id, id);
        else note.textContent = `No profile for this ${interaction.name}. ${explainNoProfile(profiles)}`;
      },
    }),
    note,
  ]);
}
