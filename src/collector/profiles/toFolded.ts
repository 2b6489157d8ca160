import { frameLabel, OTHER_FRAME, type ResolvedStack } from './ResolvedStack.js';

/**
 * Folded stacks (Brendan Gregg's format, read by flamegraph.pl, speedscope, inferno): one line per
 * stack, frames root → leaf joined by `;`, then the time in whole milliseconds.
 */
export function toFolded(stacks: Pick<ResolvedStack, 'frames' | 'ms'>[]): string {
  const lines = new Map<string, number>();
  for (const { frames, ms } of stacks) {
    const line = (frames.length ? frames : [OTHER_FRAME]).map((frame) => frameLabel(frame).replaceAll(';', ':')).join(';');
    lines.set(line, (lines.get(line) ?? 0) + ms);
  }
  return [...lines]
    .filter(([, ms]) => Math.round(ms) > 0)
    .map(([line, ms]) => `${line} ${Math.round(ms)}\n`)
    .join('');
}
