import type { ProfileEvent, ViewContext } from '../../protocol/beacon.js';
import type { ProfileTarget as StoredTarget } from '../../protocol/queryApi.js';

export type { StoredTarget };

/** A frame as the page sent it: often minified, resolved at query time (symbolicateStacks). */
export interface StoredFrame {
  name: string;
  url: string;
  line: number;
  column: number;
}

/** A stack with the time sampled in it, root → leaf; no frames means the exact "other" remainder. */
export interface StoredStack {
  release: string | null;
  frames: StoredFrame[];
  ms: number;
}

/** Exact self and total time of a function over whole windows. */
export interface StoredFunction {
  release: string | null;
  frame: StoredFrame;
  selfMs: number;
  totalMs: number;
}

export const TARGET_KINDS = ['window', 'interaction', 'loaf', 'longtask', 'measure'] as const;

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
 * The profile side of storage: its own tables, written in the beacon's transaction. Its reads
 * may answer at once (SQLite, on the caller's thread) or later (ClickHouse, over the network).
 */
export interface ProfileStorage {
  insert(site: string, view: ViewContext, event: ProfileEvent): void;
  stacks(query: ProfileQuery): StoredStack[] | Promise<StoredStack[]>;
  functions(query: ProfileQuery): StoredFunction[] | Promise<StoredFunction[]>;
  targets(query: Omit<ProfileQuery, 'kind' | 'name' | 'id'>): StoredTarget[] | Promise<StoredTarget[]>;
  /** Source maps run to tens of megabytes: writing and reading them may not hold up the caller's thread. */
  putSourceMap(site: string, release: string, file: string, map: string, at: number): Promise<void>;
  sourceMaps(site: string, release: string): Promise<{ file: string; map: string }[]>;
  /** How many maps the site keeps and their bytes, leaving out the one an upload would replace. */
  sourceMapUsage(site: string, replaced: { release: string; file: string }): Promise<{ count: number; bytes: number }>;
}
