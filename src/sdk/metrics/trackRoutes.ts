import { monitor } from '../monitor.js';
import { round } from '../../protocol/round.js';
import { stripUrl } from '../stripUrl.js';

/** Turns a page URL into a route name, e.g. `/products/42` → `/products/:id`. */
export type RouteName = (url: string) => string;

/** Route changes remembered for attributing late-arriving entries; older ones fall back to the first. */
const KEPT_ROUTES = 50;

/**
 * The single-page app's route: the path (or `routeName(url)`) of the page, followed through
 * `history.pushState` / `replaceState` and `popstate`, or set by the app with `set(name)`, after
 * which history is no longer followed (the app names its routes itself). `at(time)` answers which
 * route was active at a moment, so entries the browser delivers late still land on their route.
 * `onChange(name, time)` runs before the new route becomes active.
 */
export function trackRoutes(onChange: (name: string, time: number) => void, routeName?: RouteName) {
  const nameOf = (url: string): string => {
    const named = routeName ? monitor(routeName)(url) : undefined;
    return (typeof named === 'string' && named ? named : new URL(stripUrl(url), location.href).pathname).slice(0, 256);
  };
  const routes: [start: number, name: string][] = [[-Infinity, nameOf(location.href)]];
  let manual = false;

  const current = () => routes[routes.length - 1]![1];
  function change(name: string, at = performance.now()): void {
    if (name === current()) return;
    // Rounded as event times are, so an event of the same moment lands on the new route.
    const time = round(at);
    onChange(name, time);
    routes.push([time, name]);
    if (routes.length > KEPT_ROUTES) routes.splice(1, 1);
  }

  const follow = monitor(() => manual || change(nameOf(location.href)));
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      follow();
      return result;
    };
  }
  addEventListener('popstate', follow);

  return {
    current,
    at(time: number): string {
      let index = routes.length - 1;
      while (index > 0 && routes[index]![0] > time) index--;
      return routes[index]![1];
    },
    /**
     * The route a soft navigation started at `time` led to: the browser dates it at the click,
     * a moment before the app's `pushState`, so it is the first route that began from then on.
     */
    startedFrom(time: number): string {
      return routes.find(([start]) => start >= time)?.[1] ?? current();
    },
    /** `time`: when the app named it (a call queued by the inline snippet is replayed later). */
    set(name: string, time?: number): void {
      manual = true;
      change(name.slice(0, 256), time);
    },
  };
}
