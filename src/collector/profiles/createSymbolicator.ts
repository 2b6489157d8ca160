import { originalPositionFor, sourceContentFor, TraceMap } from '@jridgewell/trace-mapping';
import { functionNameAt } from './functionNameAt.js';
import type { ResolvedFrame } from '../../protocol/queryApi.js';
import type { ProfileStorage, StoredFrame } from './ProfileStorage.js';

export type { ResolvedFrame };

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};
/** Sources in a map are relative to it (`../../src/app.js`); the path below the build folder is what people know. */
const sourceName = (source: string) => source.replace(/^(\.\.?\/)+/, '').replace(/^webpack:\/\/\/?/, '');

/**
 * Resolves frames through the source maps uploaded for their release. A map matches a frame when
 * the frame's script path ends with the map's `file` (`/assets/app.min.js` ← `app.min.js`).
 * V8 puts a function's position at its parameter list, right after the (mangled) name; the
 * original name is read from the original source there (maps of inlined functions carry none),
 * or taken from the mapping when the map has no source text. Frames without a map, or outside any mapping, keep what the page
 * sent. Parsed maps are cached per release until one is uploaded.
 */
export function createSymbolicator(storage: ProfileStorage) {
  const cache = new Map<string, { file: string; map: TraceMap }[]>();

  function mapsOf(site: string, release: string) {
    const key = `${site}\n${release}`;
    let maps = cache.get(key);
    if (!maps) {
      maps = storage.sourceMaps(site, release).map(({ file, map }) => ({ file, map: new TraceMap(map) }));
      cache.set(key, maps);
    }
    return maps;
  }

  function resolve(site: string, release: string | null, frame: StoredFrame): ResolvedFrame {
    const asSent = { name: frame.name || '(anonymous)', file: frame.url, line: frame.line, column: frame.column };
    if (release === null || !frame.url || frame.line < 1) return asSent;
    const path = pathOf(frame.url);
    const match = mapsOf(site, release).find(({ file }) => path === file || path.endsWith(`/${file}`));
    if (!match) return asSent;
    const original = originalPositionFor(match.map, { line: frame.line, column: Math.max(0, frame.column - 1) });
    if (original.source === null) return asSent;
    // With the source at hand, its text decides: a mapping's name at a function's start may be
    // its first parameter's (`(product) => …`).
    const content = sourceContentFor(match.map, original.source);
    const name = content ? (functionNameAt(content, original.line, original.column) ?? '(anonymous)') : (original.name ?? asSent.name);
    return { name, file: sourceName(original.source), line: original.line, column: original.column + 1 };
  }

  return { resolve, forget: (site: string, release: string) => cache.delete(`${site}\n${release}`) };
}

export type Symbolicator = ReturnType<typeof createSymbolicator>;
