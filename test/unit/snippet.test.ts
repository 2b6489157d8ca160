import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INLINE_SNIPPET } from '../../src/dashboard/siteSnippet.js';
import type { QueuedCall } from '../../src/sdk/perf.js';

// Under happy-dom `import.meta.url` is not a file URL: paths are taken from the project root.
const fromRoot = (path: string) => join(process.cwd(), path);
const snippet = readFileSync(fromRoot('src/sdk/snippet.js'), 'utf8').trim();
const host = window as unknown as { perf?: { q?: QueuedCall[]; mark(name: string): void; measure(name: string, start?: string): void } };

afterEach(() => {
  delete host.perf;
  vi.resetModules();
  document.head.replaceChildren();
});

describe('the inline snippet', () => {
  it('is a few hundred bytes, and the demo, the README and the dashboard’s first run carry it verbatim', () => {
    expect(snippet.length).toBeLessThan(300);
    expect(INLINE_SNIPPET).toBe(snippet);
    expect(readFileSync(fromRoot('demo/index.html'), 'utf8')).toContain(snippet);
    expect(readFileSync(fromRoot('README.md'), 'utf8')).toContain(snippet);
  });

  it('queues calls made before the bundle loads, with the time they were made', () => {
    // biome-ignore lint/security/noGlobalEval: the snippet is an inline script; the test runs it as the page would
    window.eval(snippet);
    host.perf?.mark('before-load');
    host.perf?.measure('since-start', 'before-load');
    const queue = host.perf?.q ?? [];
    expect(queue.map(([method, args]) => [method, args])).toEqual([
      ['mark', ['before-load']],
      ['measure', ['since-start', 'before-load']],
    ]);
    for (const [, , at] of queue) expect(at).toBeGreaterThan(0);
  });

  it("is replayed by the script-tag entry, keeping each call's time, and replaced by the real API", async () => {
    // biome-ignore lint/security/noGlobalEval: the snippet is an inline script; the test runs it as the page would
    window.eval(snippet);
    host.perf?.mark('queued-mark');
    const queuedAt = host.perf?.q?.[0]?.[2];
    await new Promise((resolve) => setTimeout(resolve, 20));

    const script = document.createElement('script');
    script.dataset.site = 'demo';
    script.dataset.endpoint = 'http://127.0.0.1:9/v1/beacon';
    document.head.append(script);
    vi.spyOn(document, 'currentScript', 'get').mockReturnValue(script);
    await import('../../src/sdk/scriptTag.js');

    const [entry] = performance.getEntriesByName('queued-mark', 'mark');
    expect(entry?.startTime).toBe(queuedAt);
    expect(host.perf?.q).toBeUndefined();
    expect(typeof (host.perf as { version?: unknown }).version).toBe('string');
    expect(() => host.perf?.mark('after-load')).not.toThrow();
  });
});
