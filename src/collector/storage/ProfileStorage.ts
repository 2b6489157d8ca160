import type { ProfileTarget as StoredTarget } from '../../protocol/queryApi.js';
import type { TARGET_KINDS } from '../../protocol/queryRoutes.js';

export type { StoredTarget };

/** A frame as the page sent it: often minified, resolved at query time (symbolicateStacks). */
export interface StoredFrame {
  name: string;
  url: string;
  line: number;
  column: number;
}

/**
 * What a stored figure rests on: the samples behind it, and whether any of it is estimated from
 * counts (windows of protocol 1, whose times are samples × a mean interval).
 */
export interface Sampled {
  samples: number;
  estimated: boolean;
}

/** A stack with the time sampled in it, root → leaf; no frames means the exact "other" remainder. */
export interface StoredStack extends Sampled {
  release: string | null;
  frames: StoredFrame[];
  ms: number;
}

/** Exact self and total time of a function over whole windows, with the samples behind each. */
export interface StoredFunction {
  release: string | null;
  frame: StoredFrame;
  selfMs: number;
  totalMs: number;
  selfSamples: number;
  totalSamples: number;
  estimated: boolean;
}

/** Which profiles a query or an export covers. Times are epoch ms (a window's start); `page` is the view's URL, as in the query API. */
export interface ProfileQuery {
  site: string;
  kind: (typeof TARGET_KINDS)[number];
  name?: string;
  /** An interaction's interactionId (the INP interaction's, say). */
  id?: number;
  page?: string;
  route?: string;
  release?: string;
  from?: number;
  to?: number;
}

/**
 * The profile side of storage: windows are written with their beacon (`Storage.insertBeacons`),
 * read here. Source maps run to tens of megabytes: writing and reading them may not hold up the
 * caller's thread.
 */
export interface ProfileStorage {
  stacks(query: ProfileQuery): Promise<StoredStack[]>;
  functions(query: ProfileQuery): Promise<StoredFunction[]>;
  targets(query: Omit<ProfileQuery, 'kind' | 'name' | 'id'>): Promise<StoredTarget[]>;
  putSourceMap(site: string, release: string, file: string, map: string, at: number): Promise<void>;
  sourceMaps(site: string, release: string): Promise<{ file: string; map: string }[]>;
  /** How many maps the site keeps and their bytes, leaving out the one an upload would replace. */
  sourceMapUsage(site: string, replaced: { release: string; file: string }): Promise<{ count: number; bytes: number }>;
}
