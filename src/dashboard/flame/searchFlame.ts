import type { FlameNode } from '../../protocol/queryApi.js';

export interface FlameSearch {
  matches: Set<FlameNode>;
  /** Time in matching frames, a match inside another counted once (recursion is not time twice). */
  ms: number;
  /** Matching functions, heaviest first, for stepping through them. */
  heaviest: FlameNode[];
}

/** Frames whose name or file contains `text` (any case), and the time they account for. */
export function searchFlame(tree: FlameNode, text: string): FlameSearch {
  const needle = text.trim().toLowerCase();
  const matches = new Set<FlameNode>();
  let ms = 0;
  if (!needle) return { matches, ms, heaviest: [] };
  const visit = (node: FlameNode, inMatch: boolean) => {
    const match = node !== tree && (node.name.toLowerCase().includes(needle) || node.file.toLowerCase().includes(needle));
    if (match) {
      matches.add(node);
      if (!inMatch) ms += node.ms;
    }
    for (const child of node.children) visit(child, inMatch || match);
  };
  visit(tree, false);
  return { matches, ms, heaviest: [...matches].sort((a, b) => b.ms - a.ms) };
}
