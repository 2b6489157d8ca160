import { vi } from 'vitest';

type Callback = (list: { getEntries(): PerformanceEntry[] }) => void;

/**
 * A stand-in for the browser's PerformanceObserver under happy-dom: `supported` entry types are
 * observable, those in `failing` throw from `observe()` as a broken browser might. Tests deliver
 * entries with `emit` (the observer callback) or `queue` (only `takeRecords()` will see them).
 */
export function fakePerformanceObserver(supported: string[], failing: string[] = []) {
  const observers = new Map<string, { callback: Callback; pending: PerformanceEntry[] }>();
  class FakeObserver {
    static supportedEntryTypes = supported;
    private type = '';
    constructor(private callback: Callback) {}
    observe({ type }: { type: string }) {
      if (failing.includes(type)) throw new TypeError(`cannot observe ${type}`);
      this.type = type;
      observers.set(type, { callback: this.callback, pending: [] });
    }
    takeRecords() {
      const entry = observers.get(this.type);
      return entry ? entry.pending.splice(0) : [];
    }
    disconnect() {}
  }
  vi.stubGlobal('PerformanceObserver', FakeObserver);
  return {
    observed: () => [...observers.keys()],
    emit(type: string, entries: object[]) {
      observers.get(type)?.callback({ getEntries: () => entries as PerformanceEntry[] });
    },
    queue(type: string, entries: object[]) {
      observers.get(type)?.pending.push(...(entries as PerformanceEntry[]));
    },
  };
}
