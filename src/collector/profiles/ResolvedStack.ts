import type { ResolvedFrame } from './createSymbolicator.js';
import type { Sampled } from '../storage/ProfileStorage.js';

/** A symbolicated stack, root → leaf, and the time and samples in it; no frames is the "other" remainder. */
export interface ResolvedStack extends Sampled {
  frames: ResolvedFrame[];
  ms: number;
}

/** What every export shows for the remainder of stacks a page did not list. */
export const OTHER_FRAME: ResolvedFrame = { name: '(other stacks)', file: '', line: 0, column: 0 };

export const frameLabel = (frame: ResolvedFrame) => (frame.file ? `${frame.name} (${frame.file}:${frame.line})` : frame.name);

/** Frames that are the same function in the original source (minified copies resolve to one). */
export const frameKey = (frame: ResolvedFrame) => `${frame.name}\n${frame.file}\n${frame.line}`;
