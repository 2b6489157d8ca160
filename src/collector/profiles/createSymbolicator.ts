import type { ResolvedFrame } from '../../protocol/queryApi.js';
import { startThread } from '../threads/startThread.js';
import { createMapResolver, frameAsSent, sourceMapProblem, type SourceMapFile } from './createMapResolver.js';
import type { ProfileStorage, StoredFrame } from '../storage/ProfileStorage.js';

export type { ResolvedFrame };

/** What the symbolicator thread exposes (symbolicatorThread.ts), and the same functions inline. */
interface ResolverApi {
  resolve(key: string, frames: StoredFrame[], maps?: SourceMapFile[]): ResolvedFrame[] | undefined;
  forget(key: string): void;
  problem(text: string): string | undefined;
}

export interface SymbolicatorOptions {
  /** The built `symbolicator.mjs`: maps are then checked and parsed there, never on the request thread. */
  thread?: string | URL;
  /** Map text kept parsed, in bytes; the least recently used release's maps go first. */
  maxBytes?: number;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const keyOf = (site: string, release: string) => `${site}\n${release}`;

/**
 * Names frames through the source maps uploaded for their release (createMapResolver.ts), on a
 * thread of its own when `thread` is given. Each release's maps are read from storage only when
 * the resolver's cache lacks them.
 */
export function createSymbolicator(storage: ProfileStorage, { thread, maxBytes = DEFAULT_MAX_BYTES }: SymbolicatorOptions = {}) {
  const started = thread ? startThread<ResolverApi>(thread, { maxBytes }) : undefined;
  const inline = started ? undefined : createMapResolver(maxBytes);
  const api: { [K in keyof ResolverApi]: (...args: Parameters<ResolverApi[K]>) => Promise<ReturnType<ResolverApi[K]>> } = started
    ? {
        resolve: (...args) => started.call((remote) => remote.resolve(...args)),
        forget: (...args) => started.call((remote) => remote.forget(...args)),
        problem: (...args) => started.call((remote) => remote.problem(...args)),
      }
    : {
        resolve: async (...args) => inline?.resolve(...args),
        forget: async (...args) => inline?.forget(...args),
        problem: async (...args) => sourceMapProblem(...args),
      };

  async function resolveRelease(site: string, release: string | null, frames: StoredFrame[]): Promise<ResolvedFrame[]> {
    if (release === null) return frames.map(frameAsSent);
    const key = keyOf(site, release);
    return (await api.resolve(key, frames)) ?? (await api.resolve(key, frames, await storage.sourceMaps(site, release))) ?? frames.map(frameAsSent);
  }

  /** Each item's frames resolved, a release's distinct frames in one call. */
  async function resolve<T extends { release: string | null }>(site: string, items: T[], framesOf: (item: T) => StoredFrame[]): Promise<ResolvedFrame[][]> {
    const byRelease = new Map<string | null, Map<StoredFrame, number>>();
    for (const item of items) {
      let distinct = byRelease.get(item.release);
      if (!distinct) byRelease.set(item.release, (distinct = new Map()));
      for (const frame of framesOf(item)) if (!distinct.has(frame)) distinct.set(frame, distinct.size);
    }
    const resolved = new Map<string | null, ResolvedFrame[]>();
    await Promise.all([...byRelease].map(async ([release, distinct]) => resolved.set(release, await resolveRelease(site, release, [...distinct.keys()]))));
    return items.map((item) => {
      const distinct = byRelease.get(item.release);
      const frames = resolved.get(item.release) ?? [];
      return framesOf(item).map((frame) => frames[distinct?.get(frame) ?? -1] ?? frameAsSent(frame));
    });
  }

  return {
    resolve,
    /** Why a text is not a usable source map, or undefined. */
    problem: (text: string) => api.problem(text),
    forget: (site: string, release: string) => api.forget(keyOf(site, release)),
    close: async () => started?.close(),
  };
}

export type Symbolicator = ReturnType<typeof createSymbolicator>;
