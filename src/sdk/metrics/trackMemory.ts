import type { MemoryEvent } from '../../protocol/beacon.js';
import { monitor } from '../monitor.js';
import { round } from '../../protocol/round.js';

interface MemoryApi {
  memory?: { usedJSHeapSize: number; totalJSHeapSize: number; jsHeapSizeLimit: number };
  measureUserAgentSpecificMemory?: () => Promise<{ bytes: number }>;
}

/**
 * JS heap size. Cross-origin isolated pages get `measureUserAgentSpecificMemory()`, which is
 * accurate but takes 10–14 s to resolve (browser-notes): it is asked once, at start. Elsewhere
 * Chromium's live `performance.memory` is read at each flush (page exit, route change) when it
 * changed. Neither → nothing.
 */
export function trackMemory(record: (event: MemoryEvent) => void) {
  const api = performance as MemoryApi;
  const now = () => round(performance.now());
  if (globalThis.crossOriginIsolated && typeof api.measureUserAgentSpecificMemory === 'function') {
    api.measureUserAgentSpecificMemory().then(
      monitor(({ bytes }: { bytes: number }) => record({ type: 'memory', name: 'measureUserAgentSpecificMemory', start: now(), value: bytes })),
      () => undefined,
    );
    return { flush() {} };
  }
  let last = -1;
  return {
    flush() {
      const memory = api.memory;
      if (!memory || memory.usedJSHeapSize === last) return;
      last = memory.usedJSHeapSize;
      record({ type: 'memory', name: 'performance.memory', start: now(), value: last, total: memory.totalJSHeapSize, limit: memory.jsHeapSizeLimit });
    },
  };
}
