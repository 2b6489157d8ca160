import type { Page } from 'playwright-core';

/** The browser's own performance entries of a page, for comparing with what pageprof reported. */
export interface PageEntries {
  longtask: { startTime: number; duration: number }[];
  'long-animation-frame': { startTime: number; duration: number; scripts: { sourceFunctionName: string; sourceURL: string; duration: number }[] }[];
  'layout-shift': { startTime: number; value: number; hadRecentInput: boolean; sources: string[] }[];
  'largest-contentful-paint': { startTime: number; url: string; element: string }[];
  event: { name: string; interactionId: number; startTime: number; duration: number; processingStart: number; processingEnd: number }[];
  navigation: { type: string; duration: number; responseStart: number }[];
}

/** Reads them with buffered observers, as an outside observer in the page would. */
export function pageEntries(page: Page): Promise<PageEntries> {
  return page.evaluate(
    () =>
      new Promise<PageEntries>((resolve) => {
        const found: Record<string, unknown[]> = {};
        const describe = (node: Node | null | undefined) => (node instanceof Element ? `${node.localName}${node.id ? `#${node.id}` : ''}` : '');
        const types = ['longtask', 'long-animation-frame', 'layout-shift', 'largest-contentful-paint', 'event', 'navigation'];
        for (const type of types) {
          found[type] = [];
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              const json = entry.toJSON() as Record<string, unknown>;
              if (type === 'layout-shift')
                json.sources = (entry as unknown as { sources: { node: Node | null }[] }).sources.map((source) => describe(source.node));
              if (type === 'largest-contentful-paint') json.element = describe((entry as unknown as { element: Element | null }).element);
              found[type]?.push(json);
            }
          }).observe({ type, buffered: true, ...(type === 'event' ? { durationThreshold: 16 } : {}) } as PerformanceObserverInit);
        }
        setTimeout(() => resolve(found as unknown as PageEntries), 100);
      }),
  );
}
