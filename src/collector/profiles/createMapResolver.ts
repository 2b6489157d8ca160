import { originalPositionFor, sourceContentFor, TraceMap } from '@jridgewell/trace-mapping';
import { LRUCache } from 'lru-cache';
import type { ResolvedFrame } from '../../protocol/queryApi.js';
import { functionNameAt } from './functionNameAt.js';
import type { StoredFrame } from '../storage/ProfileStorage.js';

/** A release's uploaded maps, as storage holds them. */
export interface SourceMapFile {
  file: string;
  map: string;
}
interface ParsedMaps {
  maps: { file: string; map: TraceMap }[];
  bytes: number;
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};
/** Sources in a map are relative to it (`../../src/app.js`); the path below the build folder is what people know. */
const sourceName = (source: string) => source.replace(/^(\.\.?\/)+/, '').replace(/^webpack:\/\/\/?/, '');

/** A source map v3 that can name something, or why the text is not one. */
function parseSourceMap(text: string): TraceMap | string {
  try {
    const parsed = new TraceMap(text);
    return parsed.sources.length === 0 ? 'it has no sources' : parsed;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Why a text is not a source map v3 that can name anything, or undefined when it is one. */
export function sourceMapProblem(text: string): string | undefined {
  const parsed = parseSourceMap(text);
  return typeof parsed === 'string' ? parsed : undefined;
}

/** A frame as the page sent it, for frames no map resolves. */
export const frameAsSent = (frame: StoredFrame): ResolvedFrame => ({
  name: frame.name || '(anonymous)',
  file: frame.url,
  line: frame.line,
  column: frame.column,
});

/**
 * Resolves frames through the source maps of their release. A map matches a frame when the
 * frame's script path ends with the map's `file` (`/assets/app.min.js` ← `app.min.js`). V8 puts a
 * function's position at its parameter list, right after the (mangled) name; the original name
 * is read from the original source there (maps of inlined functions carry none), or taken from the
 * mapping when the map has no source text. Frames without a map, or outside any mapping, keep what
 * the page sent.
 *
 * Parsed maps are kept per release in a cache bounded by their size (a parsed map takes a few
 * times its text): `resolve` without `maps` answers undefined when the release's maps are not in
 * it, so the caller reads them from storage only then.
 */
export function createMapResolver(maxBytes: number) {
  const cache = new LRUCache<string, ParsedMaps>({ maxSize: maxBytes, sizeCalculation: (parsed) => Math.max(1, parsed.bytes) });

  function resolveFrame({ maps }: ParsedMaps, frame: StoredFrame): ResolvedFrame {
    const asSent = frameAsSent(frame);
    if (!frame.url || frame.line < 1) return asSent;
    const path = pathOf(frame.url);
    const match = maps.find(({ file }) => path === file || path.endsWith(`/${file}`));
    if (!match) return asSent;
    const original = originalPositionFor(match.map, { line: frame.line, column: Math.max(0, frame.column - 1) });
    if (original.source === null) return asSent;
    // With the source at hand, its text decides: a mapping's name at a function's start may be
    // its first parameter's (`(product) => …`).
    const content = sourceContentFor(match.map, original.source);
    const name = content ? (functionNameAt(content, original.line, original.column) ?? '(anonymous)') : (original.name ?? asSent.name);
    return { name, file: sourceName(original.source), line: original.line, column: original.column + 1 };
  }

  return {
    /** `key` names a site's release; `maps` are its maps when the cache lacked them. */
    resolve(key: string, frames: StoredFrame[], maps?: SourceMapFile[]): ResolvedFrame[] | undefined {
      let parsed = cache.get(key);
      if (!parsed && maps) {
        parsed = {
          // A stored map was checked at upload; one that fails now names nothing rather than failing the query.
          maps: maps.flatMap(({ file, map }) => {
            const parsed = parseSourceMap(map);
            return typeof parsed === 'string' ? [] : [{ file, map: parsed }];
          }),
          bytes: maps.reduce((sum, { map }) => sum + map.length, 0),
        };
        cache.set(key, parsed);
      }
      return parsed && frames.map((frame) => resolveFrame(parsed, frame));
    },
    forget: (key: string) => void cache.delete(key),
  };
}

export type MapResolver = ReturnType<typeof createMapResolver>;
