import type { ViewDetail, ViewEvent } from '../protocol/queryApi.js';
import { element } from './element.js';
import { formatMs } from './format.js';

const textOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? String(value) : undefined);

/** The context a page view was measured in: when, where, on what device, connection and browser, which release, and its route changes. */
export function renderViewContext({ view }: ViewDetail, events: readonly ViewEvent[]): HTMLElement[] {
  const context = view.context;
  const viewport = context.viewport as { width?: number; height?: number } | undefined;
  const routes = events.filter((event) => event.type === 'route');
  const facts: [string, string | undefined][] = [
    ['page', view.url],
    ['started', new Date(view.startedAt).toLocaleString()],
    ['release', view.release ?? undefined],
    ['environment', view.env ?? undefined],
    [
      'device',
      [view.deviceClass, textOf(context.cores) && `${textOf(context.cores)} cores`, textOf(context.deviceMemory) && `${textOf(context.deviceMemory)} GB`]
        .filter(Boolean)
        .join(' · '),
    ],
    ['viewport', viewport?.width ? `${viewport.width} × ${viewport.height ?? '?'}` : undefined],
    ['browser', [view.browser, textOf(context.browserVersion)].filter(Boolean).join(' ')],
    ['connection', view.connection ?? undefined],
    ['sample rate', textOf(context.sampleRate)],
    ['SDK', view.sdk],
    ['events', String(view.events)],
  ];
  return [
    element(
      'dl',
      { className: 'facts' },
      ...facts.filter(([, value]) => value).flatMap(([name, value]) => [element('dt', {}, name), element('dd', {}, value)]),
    ),
    element(
      'p',
      { className: 'note' },
      routes.length === 0
        ? 'No route changes in this page view.'
        : `Route changes: ${routes.map((route) => `${route.name} at ${formatMs(route.start)}`).join(' → ')}`,
    ),
  ];
}
